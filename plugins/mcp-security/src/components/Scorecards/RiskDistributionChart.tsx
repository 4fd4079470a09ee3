import { useTheme } from '@material-ui/core/styles';
import {
  ScorecardGroupBy,
  ScorecardRow,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  riskColours,
  riskLabels,
  riskLevels,
  riskSummary,
} from '../RiskDistributionBar';
import { groupingOf } from './scorecardFormat';

/**
 * The servers of every group by risk level, one stacked bar per group, lowest
 * risk at the bottom, in the colours of the risk level chips. One image to
 * assistive technology, named by the totals; the table carries every figure.
 */
export function RiskDistributionChart(props: {
  rows: ScorecardRow[];
  groupBy: ScorecardGroupBy;
  /** A group's title, as useGroupTitles gives it. */
  titleOf: (groupRef: string) => string;
}) {
  const { rows, groupBy, titleOf } = props;
  const theme = useTheme();
  const data = rows.map(row => ({
    group: titleOf(row.groupRef),
    ...row.risk,
  }));
  const totals = Object.fromEntries(
    riskLevels.map(level => [
      level,
      rows.reduce((sum, row) => sum + (row.risk[level] ?? 0), 0),
    ]),
  ) as ScorecardRow['risk'];
  const summary = `Servers by risk level across ${rows.length} ${
    groupingOf(groupBy).plural
  }: ${riskSummary(totals)}.`;
  return (
    <div role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="group" interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip
            cursor={{ fill: theme.palette.action.hover }}
            contentStyle={{
              backgroundColor: theme.palette.background.paper,
              color: theme.palette.text.primary,
            }}
          />
          <Legend />
          {riskLevels.map(level => (
            <Bar
              key={level}
              dataKey={level}
              name={riskLabels[level]}
              stackId="risk"
              fill={riskColours[level]}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
