/**
 * An InfoCard's `titleTypographyProps`: card titles are headings so that
 * screen reader users can jump between sections.
 */
export const headingProps = { component: 'h2' };
