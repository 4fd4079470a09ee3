import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { AssessmentSummary } from '@mcp-server-operator/plugin-mcp-security-common';
import { RiskLevelChip } from '../RiskLevelChip';
import { Timestamp } from '../Timestamp';
import { TrustBadge } from '../TrustBadge';

/** Every past assessment of a server, newest first. */
export function HistoryTable(props: { history: AssessmentSummary[] }) {
  return (
    <Table size="small" aria-label="Assessment history">
      <TableHead>
        <TableRow>
          <TableCell>Date</TableCell>
          <TableCell>Risk level</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>Trust</TableCell>
          <TableCell>Knowledge base</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.history.map(entry => (
          <TableRow key={entry.assessedAt}>
            <TableCell>
              <Timestamp value={entry.assessedAt} />
            </TableCell>
            <TableCell>
              <RiskLevelChip level={entry.risk.level} />
            </TableCell>
            <TableCell align="right">{entry.risk.score}</TableCell>
            <TableCell>
              <TrustBadge tier={entry.trust.tier} score={entry.trust.score} />
            </TableCell>
            <TableCell>
              <code>{entry.knowledgeVersion}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
