import { MarkdownContent } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

/** Steps or checks of the knowledge base, each a Markdown text, as a list; numbered when `ordered`. */
export function MarkdownList(props: { items: string[]; ordered?: boolean }) {
  const classes = useStyles();
  const items = props.items.map((item, index) => (
    // Steps are plain strings that may repeat; their place is their identity.
    <li key={index}>
      <MarkdownContent content={item} />
    </li>
  ));
  return props.ordered ? (
    <ol className={classes.list}>{items}</ol>
  ) : (
    <ul className={classes.list}>{items}</ul>
  );
}
