import Chip from '@material-ui/core/Chip';
import { amber, green, orange, red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';

const darkText = 'rgba(0, 0, 0, 0.87)';

// Text colours are picked per background so that every chip keeps a WCAG AA
// contrast ratio of at least 4.5:1.
const useStyles = makeStyles({
  low: { backgroundColor: green[800], color: '#fff' },
  medium: { backgroundColor: amber[500], color: darkText },
  high: { backgroundColor: orange[800], color: darkText },
  critical: { backgroundColor: red[800], color: '#fff' },
});

const labels: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/**
 * The risk level of an MCP server as a coloured chip: low green, medium amber,
 * high orange, critical red.
 *
 * @public
 */
export function RiskLevelChip(props: { level: RiskLevel }) {
  const { level } = props;
  const classes = useStyles();
  return (
    <Chip
      // A chip is a plain div, which may not carry an aria-label without a role.
      role="img"
      aria-label={`Risk level: ${level}`}
      className={classes[level]}
      label={labels[level]}
      size="small"
    />
  );
}
