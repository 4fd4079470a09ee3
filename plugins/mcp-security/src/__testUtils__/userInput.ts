import userEvent from '@testing-library/user-event';

/**
 * Enters text into a field as a paste does: one input event, so the page
 * renders once rather than once per key (a whole page per keystroke is most
 * of a form test's time in jsdom).
 */
export async function fillIn(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}
