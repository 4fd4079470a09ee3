import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ImportedFinding } from '@mcp-server-operator/plugin-mcp-security-common';

const ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * The open findings that scanners and audits reported for a server and its
 * owners imported, most severe first, with the tool, rule and place each
 * names.
 */
export function ImportedFindingsTable(props: { findings?: ImportedFinding[] }) {
  const findings = [...(props.findings ?? [])].sort(
    (a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity),
  );
  if (findings.length === 0) {
    return (
      <Typography>
        No open findings from scanners or audits. Import a report with{' '}
        <code>POST /api/mcp-security/entities/…/findings</code>.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Scanner findings">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Finding</TableCell>
          <TableCell>Source</TableCell>
          <TableCell>Where</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {findings.map(finding => (
          <TableRow key={`${finding.sourceTool}-${finding.fingerprint}`}>
            <TableCell>{finding.severity}</TableCell>
            <TableCell>
              {finding.title}
              <Typography variant="body2" color="textSecondary">
                {finding.message}
              </Typography>
            </TableCell>
            <TableCell>
              {finding.sourceTool}
              {finding.sourceVersion ? ` ${finding.sourceVersion}` : ''}
              <Typography variant="body2" color="textSecondary">
                <code>{finding.ruleId}</code>
              </Typography>
            </TableCell>
            <TableCell>
              {finding.toolName ? `tool ${finding.toolName}` : ''}
              {finding.toolName && finding.location ? ', ' : ''}
              {finding.location ? <code>{finding.location}</code> : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
