import userEvent from '@testing-library/user-event';
import { waitFor } from '@testing-library/react';

/**
 * Enters text into a field as a paste does: one input event, so the page
 * renders once rather than once per key (a whole page per keystroke is most
 * of a form test's time in jsdom).
 */
export async function fillIn(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

/**
 * The one expandable item (a maintenance task, a change) whose summary holds
 * `text`, once it is there. Found by text: a role query by name computes the
 * name of every button in the container, a 90-day calendar's included.
 */
export async function findItemSummary(
  container: HTMLElement,
  text: string,
): Promise<HTMLElement> {
  let found: HTMLElement[] = [];
  await waitFor(() => {
    found = Array.from(
      container.querySelectorAll<HTMLElement>('[role="button"][aria-expanded]'),
    ).filter(summary => summary.textContent?.includes(text));
    expect(found).toHaveLength(1);
  });
  return found[0];
}
