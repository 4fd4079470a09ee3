import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    fontVariantNumeric: 'tabular-nums',
  },
}));

/**
 * The facts of a summary card as a description list, terms in one column and
 * values in the next, so that screen readers announce each value with its
 * term.
 */
export function FactList(props: { children: ReactNode }) {
  const classes = useStyles();
  return <dl className={classes.facts}>{props.children}</dl>;
}

/** One term of a FactList and its value. */
export function Fact(props: { term: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography component="dt" variant="body2" className={classes.term}>
        {props.term}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {props.children}
      </Typography>
    </>
  );
}
