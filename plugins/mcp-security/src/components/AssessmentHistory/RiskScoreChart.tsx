import { amber, orange, red } from '@material-ui/core/colors';
import { useTheme } from '@material-ui/core/styles';
import {
  AssessmentSummary,
  KnowledgeModelSummary,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// The levels with a lowest score, in the colours of the risk level chips;
// the scores come from the knowledge base, which an organisation may override.
const thresholdLevels = [
  { level: 'medium', label: 'Medium', colour: amber[700] },
  { level: 'high', label: 'High', colour: orange[800] },
  { level: 'critical', label: 'Critical', colour: red[800] },
] as const;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * The risk score of a server over time, against the lowest score of each
 * risk level as the knowledge base's model sets it. The
 * chart is one image to assistive technology, named by a summary; the table
 * beside it carries every value.
 */
export function RiskScoreChart(props: {
  history: AssessmentSummary[];
  riskLevels: KnowledgeModelSummary['riskLevels'];
}) {
  const theme = useTheme();
  const thresholds = thresholdLevels.map(({ level, label, colour }) => ({
    score: props.riskLevels[level],
    label,
    colour,
  }));
  // Oldest first, on a time axis, so that the gaps between assessments show.
  const points = [...props.history].reverse().map(entry => ({
    time: new Date(entry.assessedAt).getTime(),
    risk: entry.risk.score,
  }));
  const first = points[0];
  const last = points[points.length - 1];
  const summary = `Risk score over time, from ${
    first.risk
  } on ${dateFormat.format(first.time)} to ${last.risk} on ${dateFormat.format(
    last.time,
  )}.`;
  return (
    <div role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={points} margin={{ top: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(time: number) => dateFormat.format(time)}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, ...thresholds.map(threshold => threshold.score), 100]}
          />
          <Tooltip
            labelFormatter={(time: number) => dateTimeFormat.format(time)}
          />
          {thresholds.map(threshold => (
            <ReferenceLine
              key={threshold.label}
              y={threshold.score}
              stroke={threshold.colour}
              strokeDasharray="4 4"
              label={{
                value: threshold.label,
                position: 'insideTopLeft',
                fill: theme.palette.text.secondary,
              }}
            />
          ))}
          <Line
            type="monotone"
            dataKey="risk"
            name="Risk score"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
