import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeRequestView } from '@mcp-server-operator/plugin-mcp-security-common';
import { ChangeStateChip } from '../ChangeStateChip';
import { ItemSummary } from '../ItemList';
import { RiskLevelChip } from '../RiskLevelChip';
import { approvalProgress, awaitsVotes, groupName } from './progress';

const useStyles = makeStyles({
  // White on red 800 keeps a WCAG AA contrast ratio.
  alarm: { backgroundColor: red[800], color: '#fff' },
});

/**
 * A change at a glance, for a list: its title and type, risk, state, how far
 * it is with its approvals and which required groups have not approved yet,
 * and whether it is an emergency, its approval expired or its review is
 * overdue.
 */
export function ChangeSummary(props: {
  change: ChangeRequestView;
  typeTitle: string;
}) {
  const { change, typeTitle } = props;
  const classes = useStyles();
  const progress = approvalProgress(change);
  const missing = awaitsVotes(change) ? change.missingGroups : [];
  return (
    <ItemSummary>
      <Typography>{change.title}</Typography>
      <Typography variant="body2" color="textSecondary">
        {typeTitle}
      </Typography>
      <RiskLevelChip level={change.riskLevel} />
      <ChangeStateChip state={change.state} />
      {change.emergency && (
        <Chip size="small" variant="outlined" label="Emergency" />
      )}
      {change.approvalExpired && (
        <Chip size="small" className={classes.alarm} label="Approval expired" />
      )}
      {change.reviewOverdue && (
        <Chip size="small" className={classes.alarm} label="Review overdue" />
      )}
      {progress && (
        <Typography variant="body2">
          {progress}
          {missing.length > 0 &&
            `; still needs ${missing.map(groupName).join(', ')}`}
        </Typography>
      )}
    </ItemSummary>
  );
}
