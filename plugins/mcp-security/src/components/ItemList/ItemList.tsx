import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    listStyle: 'none',
    margin: theme.spacing(0, 0, 2),
    padding: 0,
  },
  group: { marginBottom: theme.spacing(3) },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  details: { display: 'block' },
}));

/** How many items are in each status, as a row above a list: "3 overdue". */
export function StatusCounts(props: {
  /** What is counted, for screen readers: "Recommendations by status". */
  label: string;
  counts: { status: string; label: string; count: number }[];
}) {
  const classes = useStyles();
  return (
    <ul className={classes.counts} aria-label={props.label}>
      {props.counts.map(({ status, label, count }) => (
        <li key={status}>
          <Typography component="span">
            <strong>{count}</strong> {label}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** A titled group of items; `id` is its heading's id, which labels it. */
export function ItemGroup(props: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  const { id, title, children } = props;
  const classes = useStyles();
  return (
    <section className={classes.group} aria-labelledby={id}>
      <Typography variant="h6" component="h3" gutterBottom id={id}>
        {title}
      </Typography>
      {children}
    </section>
  );
}

/** An item's summary line: its title, then chips and figures, wrapping. */
export function ItemSummary(props: { children: ReactNode }) {
  const classes = useStyles();
  return <div className={classes.summary}>{props.children}</div>;
}

/**
 * One item of a list as an expandable item. Closed items are not rendered,
 * so that a long list does not render every item's details up front.
 */
export function ItemAccordion(props: {
  /** The prefix of the summary's and the details' element ids. */
  id: string;
  summary: ReactNode;
  children: ReactNode;
  /** Rendered after the details, such as the item's actions. */
  actions?: ReactNode;
  className?: string;
  defaultExpanded?: boolean;
}) {
  const { id, summary, children, actions, className, defaultExpanded } = props;
  const classes = useStyles();
  return (
    <Accordion
      className={className}
      defaultExpanded={defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        id={`${id}-header`}
        aria-controls={`${id}-content`}
      >
        {summary}
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        {children}
      </AccordionDetails>
      {actions}
    </Accordion>
  );
}
