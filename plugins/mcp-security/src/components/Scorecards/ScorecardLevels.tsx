import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ScorecardCriterion,
  ScorecardGroupBy,
  ScorecardLevel,
  ScorecardRow,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ScorecardLevelChip } from '../ScorecardLevelChip';
import { criterionText, groupingOf } from './scorecardFormat';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  levels: { listStyle: 'none', margin: 0, padding: 0 },
  level: { marginBottom: theme.spacing(2) },
}));

/** What a group still has to meet for the next level up, as a list. */
export function UnmetCriteria(props: {
  nextLevel: NonNullable<ScorecardRow['nextLevel']>;
  label?: string;
}) {
  const { nextLevel, label } = props;
  const classes = useStyles();
  return (
    <ul
      className={classes.list}
      aria-label={label ?? `What ${nextLevel.title} still needs`}
    >
      {nextLevel.unmet.map(criterion => (
        <li key={criterion}>
          <Typography variant="body2">{criterion}</Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * The levels explained, lowest first, each with its criteria in words; then,
 * for every group below the top, what it takes to reach its next level.
 */
export function ScorecardLevels(props: {
  levels: ScorecardLevel[];
  rows: ScorecardRow[];
  groupBy: ScorecardGroupBy;
  /** A group's title, as useGroupTitles gives it. */
  titleOf: (groupRef: string) => string;
}) {
  const { levels, rows, groupBy, titleOf } = props;
  const classes = useStyles();
  const climbing = rows.filter(row => row.nextLevel);
  const grouping = groupingOf(groupBy);
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        A {grouping.noun} reaches the highest level whose every criterion it
        meets.
      </Typography>
      <ol className={classes.levels} aria-label="Levels">
        {levels.map(level => (
          <li key={level.id} className={classes.level}>
            <Box display="flex" alignItems="center" gridGap={8}>
              <ScorecardLevelChip level={level} />
              <Typography variant="subtitle2" component="h3">
                {level.title}
              </Typography>
            </Box>
            <Typography variant="body2">{level.description}</Typography>
            <ul className={classes.list} aria-label={`${level.title} needs`}>
              {(
                Object.entries(level.criteria) as [ScorecardCriterion, number][]
              ).map(([criterion, limit]) => (
                <li key={criterion}>
                  <Typography variant="body2">
                    {criterionText(criterion, limit)}
                  </Typography>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        To the next level
      </Typography>
      {climbing.length === 0 ? (
        <Typography variant="body2">
          Every {grouping.noun} has reached the top level.
        </Typography>
      ) : (
        <ul className={classes.levels} aria-label="To the next level">
          {climbing.map(row => {
            const label = titleOf(row.groupRef);
            return (
              <li key={row.groupRef} className={classes.level}>
                <Typography variant="body2">
                  <strong>{label}</strong> → {row.nextLevel!.title}
                </Typography>
                <UnmetCriteria
                  nextLevel={row.nextLevel!}
                  label={`What ${label} needs for ${row.nextLevel!.title}`}
                />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
