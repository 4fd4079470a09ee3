import { blue, purple } from '@material-ui/core/colors';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ScorecardSnapshot } from '../../api';
import { riskColours, riskLabels, riskLevels } from '../RiskDistributionBar';

// Days are UTC calendar days: shown as such, whatever the user's time zone.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

function dayOf(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A group's figures day by day: its servers by risk level as stacked bars,
 * with its open P1 recommendations and overdue maintenance tasks as lines.
 * One image to assistive technology, named by the first and last day.
 */
export function ScorecardTrendChart(props: { snapshots: ScorecardSnapshot[] }) {
  const { snapshots } = props;
  const theme = useTheme();
  const data = snapshots.map(({ day, figures }) => ({
    day: dayOf(day),
    ...figures.risk,
    openP1: figures.openP1,
    overdueMaintenance: figures.overdueMaintenance,
  }));
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  const summary =
    snapshots.length === 1
      ? `Figures on ${dayOf(first.day)}: ${first.figures.openP1} open P1, ${
          first.figures.overdueMaintenance
        } overdue maintenance.`
      : `Figures from ${dayOf(first.day)} to ${dayOf(last.day)}: open P1 from ${
          first.figures.openP1
        } to ${last.figures.openP1}, overdue maintenance from ${
          first.figures.overdueMaintenance
        } to ${last.figures.overdueMaintenance}.`;
  return (
    <div role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip
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
              name={`${riskLabels[level]} risk`}
              stackId="risk"
              fill={riskColours[level]}
            />
          ))}
          <Line
            type="monotone"
            dataKey="openP1"
            name="Open P1"
            stroke={blue[700]}
            strokeWidth={2}
          />
          <Line
            type="monotone"
            dataKey="overdueMaintenance"
            name="Overdue maintenance"
            stroke={purple[500]}
            strokeWidth={2}
            strokeDasharray="6 3"
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
