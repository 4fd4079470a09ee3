import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { MaintenanceCompletion } from '@mcp-server-operator/plugin-mcp-security-common';
import { maintenanceOutcomeLabels } from '../CompleteMaintenanceDialog';
import { Timestamp } from '../Timestamp';

const useStyles = makeStyles({
  // Evidence is often a list typed line by line; keep its lines.
  evidence: { whiteSpace: 'pre-wrap' },
});

/**
 * The recorded completions of a server's maintenance, newest first: when,
 * which task, the outcome, who, and the evidence they recorded. `titles`
 * names the tasks that still apply; a retired task shows its id.
 */
export function CompletionHistory(props: {
  completions: MaintenanceCompletion[];
  titles: Map<string, string>;
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Maintenance completions">
      <TableHead>
        <TableRow>
          <TableCell>Completed</TableCell>
          <TableCell>Task</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Evidence</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.completions.map(completion => (
          <TableRow key={`${completion.taskId}-${completion.completedAt}`}>
            <TableCell>
              <Timestamp value={completion.completedAt} />
            </TableCell>
            <TableCell>
              {props.titles.get(completion.taskId) ?? completion.taskId}
            </TableCell>
            <TableCell>
              {maintenanceOutcomeLabels[completion.outcome]}
            </TableCell>
            <TableCell>
              <EntityRefLink entityRef={completion.completedBy} hideIcon />
            </TableCell>
            <TableCell className={classes.evidence}>
              {completion.evidence}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
