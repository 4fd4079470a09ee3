import Chip from '@material-ui/core/Chip';
import { amber, blueGrey, brown } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';

const darkText = 'rgba(0, 0, 0, 0.87)';

// The built-in levels in their medal colours, each text colour keeping a
// WCAG AA contrast ratio of at least 4.5:1; an organisation's own levels
// show as plain chips.
const useStyles = makeStyles({
  bronze: { backgroundColor: brown[600], color: '#fff' },
  silver: { backgroundColor: blueGrey[100], color: darkText },
  gold: { backgroundColor: amber[300], color: darkText },
});

/**
 * The scorecard level a group reached, as a chip; "No level" when it meets
 * not even the lowest one.
 */
export function ScorecardLevelChip(props: {
  level?: { id: string; title: string };
}) {
  const { level } = props;
  const classes = useStyles();
  if (!level) {
    return (
      <Chip
        // A chip is a plain div, which may not carry an aria-label without a role.
        role="img"
        aria-label="Level: none"
        label="No level"
        size="small"
        variant="outlined"
      />
    );
  }
  const className =
    level.id in classes ? classes[level.id as keyof typeof classes] : undefined;
  return (
    <Chip
      role="img"
      aria-label={`Level: ${level.title}`}
      className={className}
      label={level.title}
      size="small"
    />
  );
}
