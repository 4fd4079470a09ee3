import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

/**
 * One titled part of an expanded item (steps, verification, procedure). The
 * title is a heading below the item's group, so that screen reader users can
 * jump between the parts.
 */
export function DetailSection(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <section className={classes.section}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
}
