import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import {
  ScorecardGroupBy,
  ScorecardLevel,
  ScorecardRow,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ReactNode, useMemo, useState } from 'react';
import { RiskDistributionBar } from '../RiskDistributionBar';
import { ScorecardLevelChip } from '../ScorecardLevelChip';
import {
  groupingOf,
  percent,
  remediationTime,
  shortGroupRef,
} from './scorecardFormat';

const useStyles = makeStyles(theme => ({
  // Wider than the card, the table scrolls inside it. Positioned, so that
  // the visually hidden column title, absolutely placed, scrolls with it
  // rather than widening the whole page.
  scroll: { overflowX: 'auto', position: 'relative' },
  // Backstage's theme breaks table text anywhere, which stacks the long
  // titles of narrow numeric columns letter by letter: break between words.
  header: { verticalAlign: 'bottom', lineHeight: 1.3, wordBreak: 'normal' },
  number: { fontVariantNumeric: 'tabular-nums' },
  // Names and buttons stay on one line, whatever the theme breaks.
  noWrap: { whiteSpace: 'nowrap' },
  filter: { minWidth: theme.spacing(32) },
}));

type Direction = 'asc' | 'desc';

/** A figure, a name, or figures compared in turn, the first that differs deciding. */
type SortValue = number | string | number[] | undefined;

interface Column {
  id: string;
  label: string;
  numeric?: boolean;
  /** What the column sorts by; undefined sorts last either way. */
  sortValue: (row: ScorecardRow) => SortValue;
  render: (row: ScorecardRow) => ReactNode;
}

function order(a: Exclude<SortValue, undefined>, b: typeof a): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const differing = a.findIndex((value, i) => value !== b[i]);
    return differing < 0 ? 0 : a[differing] - b[differing];
  }
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b));
}

function compare(a: SortValue, b: SortValue, direction: Direction): number {
  if (a === undefined || b === undefined) {
    // Unmeasured figures go last, whichever way the column is sorted.
    return Number(a === undefined) - Number(b === undefined);
  }
  return direction === 'asc' ? order(a, b) : -order(a, b);
}

function columnsFor(
  groupBy: ScorecardGroupBy,
  levels: ScorecardLevel[],
  titleOf: (groupRef: string) => string,
  numberClass: string,
): Column[] {
  const levelRank = (row: ScorecardRow) =>
    row.level ? levels.findIndex(l => l.id === row.level!.id) : -1;
  const count = (
    id: string,
    label: string,
    value: (row: ScorecardRow) => number,
  ): Column => ({
    id,
    label,
    numeric: true,
    sortValue: value,
    render: row => <span className={numberClass}>{value(row)}</span>,
  });
  return [
    {
      id: 'group',
      label: groupingOf(groupBy).title,
      // By the title the link shows, which comes from the same API.
      sortValue: row => titleOf(row.groupRef),
      render: row => (
        <EntityRefLink
          entityRef={row.groupRef}
          defaultKind={groupingOf(groupBy).kind}
        />
      ),
    },
    {
      id: 'level',
      label: 'Level',
      sortValue: levelRank,
      render: row => <ScorecardLevelChip level={row.level} />,
    },
    count('servers', 'Servers', row => row.servers),
    {
      id: 'risk',
      label: 'Risk',
      // Worst first when descending: critical counts, then high, and so on.
      sortValue: row => [
        row.risk.critical,
        row.risk.high,
        row.risk.medium,
        row.risk.low,
      ],
      render: row => <RiskDistributionBar risk={row.risk} />,
    },
    {
      id: 'coverage',
      label: 'Coverage',
      numeric: true,
      sortValue: row => row.coverage,
      render: row => (
        <span
          className={numberClass}
          title={`${row.covered} of ${row.servers} servers assessed recently`}
        >
          {percent(row.coverage)}
        </span>
      ),
    },
    count('openP1', 'Open P1', row => row.openP1),
    count('openP2', 'Open P2', row => row.openP2),
    {
      id: 'mttr',
      label: 'Time to remediate',
      numeric: true,
      sortValue: row => row.meanTimeToRemediateHours,
      render: row => (
        <span className={numberClass}>
          {remediationTime(row.meanTimeToRemediateHours)}
        </span>
      ),
    },
    count('overdue', 'Overdue maintenance', row => row.overdueMaintenance),
    count('pending', 'Pending approvals', row => row.pendingApprovals),
    count('stale', 'Stale approvals', row => row.staleApprovals),
    count(
      'emergency',
      'Emergencies without review',
      row => row.emergencyWithoutReview,
    ),
    count(
      'malicious',
      'Running malicious packages',
      row => row.maliciousServers,
    ),
    count(
      'vulnerable',
      'Running known vulnerabilities',
      row => row.vulnerableServers,
    ),
  ];
}

/**
 * The scorecard of every group, one row each: sortable by any column,
 * filtered by title, ref or level, and each row's details one button away.
 * Groups go by their catalog titles, in the links as in the sort order and
 * the buttons' names.
 */
export function ScorecardTable(props: {
  rows: ScorecardRow[];
  levels: ScorecardLevel[];
  groupBy: ScorecardGroupBy;
  /** A group's title, as useGroupTitles gives it. */
  titleOf: (groupRef: string) => string;
  selected?: string;
  onSelect: (groupRef: string) => void;
}) {
  const { rows, levels, groupBy, titleOf, selected, onSelect } = props;
  const classes = useStyles();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: string; direction: Direction }>({
    column: 'group',
    direction: 'asc',
  });
  const columns = useMemo(
    () => columnsFor(groupBy, levels, titleOf, classes.number),
    [groupBy, levels, titleOf, classes.number],
  );
  const grouping = groupingOf(groupBy);

  const shown = useMemo(() => {
    const words = filter.trim().toLocaleLowerCase('en-US');
    const matching = rows.filter(row =>
      [
        titleOf(row.groupRef),
        shortGroupRef(row.groupRef, groupBy),
        row.groupRef,
        row.level?.title ?? 'No level',
      ].some(text => text.toLocaleLowerCase('en-US').includes(words)),
    );
    const column = columns.find(c => c.id === sort.column) ?? columns[0];
    return [...matching].sort(
      (a, b) =>
        compare(column.sortValue(a), column.sortValue(b), sort.direction) ||
        titleOf(a.groupRef).localeCompare(titleOf(b.groupRef)) ||
        a.groupRef.localeCompare(b.groupRef),
    );
  }, [rows, filter, sort, columns, groupBy, titleOf]);

  const sortBy = (column: string) =>
    setSort(previous => ({
      column,
      direction:
        previous.column === column && previous.direction === 'asc'
          ? 'desc'
          : 'asc',
    }));

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={16}
        mb={2}
      >
        <TextField
          id="mcp-security-scorecard-filter"
          className={classes.filter}
          label={`Filter ${grouping.plural}`}
          placeholder="Name or level"
          value={filter}
          onChange={event => setFilter(event.target.value)}
          size="small"
          variant="outlined"
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
        <Typography variant="body2" color="textSecondary" aria-live="polite">
          {shown.length === rows.length
            ? `${rows.length} ${
                rows.length === 1 ? grouping.noun : grouping.plural
              }`
            : `${shown.length} of ${rows.length} ${grouping.plural}`}
        </Typography>
      </Box>
      <div className={classes.scroll}>
        <Table size="small" aria-label={`Scorecards per ${grouping.noun}`}>
          <TableHead>
            <TableRow>
              {columns.map(column => (
                <TableCell
                  key={column.id}
                  className={classes.header}
                  align={column.numeric ? 'right' : 'left'}
                  sortDirection={
                    sort.column === column.id ? sort.direction : false
                  }
                >
                  <TableSortLabel
                    active={sort.column === column.id}
                    direction={
                      sort.column === column.id ? sort.direction : 'asc'
                    }
                    onClick={() => sortBy(column.id)}
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              ))}
              <TableCell>
                <Typography variant="srOnly">Details</Typography>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length + 1}>
                  No {grouping.noun} matches “{filter}”.
                </TableCell>
              </TableRow>
            )}
            {shown.map(row => {
              const label = titleOf(row.groupRef);
              const isSelected = row.groupRef === selected;
              return (
                <TableRow key={row.groupRef} selected={isSelected}>
                  {columns.map(column =>
                    column.id === 'group' ? (
                      <TableCell
                        key={column.id}
                        component="th"
                        scope="row"
                        className={classes.noWrap}
                      >
                        {column.render(row)}
                      </TableCell>
                    ) : (
                      <TableCell
                        key={column.id}
                        align={column.numeric ? 'right' : 'left'}
                      >
                        {column.render(row)}
                      </TableCell>
                    ),
                  )}
                  <TableCell className={classes.noWrap}>
                    <Button
                      size="small"
                      color="primary"
                      variant={isSelected ? 'contained' : 'outlined'}
                      aria-pressed={isSelected}
                      aria-label={`Show ${label}`}
                      onClick={() => onSelect(row.groupRef)}
                    >
                      Details
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
