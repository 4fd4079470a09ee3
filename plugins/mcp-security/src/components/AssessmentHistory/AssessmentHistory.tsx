import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { KnowledgeModelSummary } from '@mcp-server-operator/plugin-mcp-security-common';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { HistoryTable } from './HistoryTable';
import { RiskScoreChart } from './RiskScoreChart';
import { headingProps } from '../cardHeading';

/** Enough past assessments for a trend, few enough to read at a glance. */
const HISTORY_LIMIT = 100;

/**
 * How the risk of a server changed over its past assessments, against the
 * lowest score of each risk level (`riskLevels` of the knowledge model).
 */
export function AssessmentHistory(props: {
  entityRef: string;
  riskLevels: KnowledgeModelSummary['riskLevels'];
}) {
  const { entityRef, riskLevels } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const { value, loading, error } = useAsync(
    () =>
      mcpSecurityApi.getAssessmentHistory(entityRef, { limit: HISTORY_LIMIT }),
    [mcpSecurityApi, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const history = value?.items ?? [];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Risk over time" titleTypographyProps={headingProps}>
          {history.length > 1 ? (
            <RiskScoreChart history={history} riskLevels={riskLevels} />
          ) : (
            <Typography>
              {history.length === 0
                ? 'No assessment of this server has been recorded yet.'
                : 'Only one assessment so far: the trend shows once the server has been assessed again.'}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      {history.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Assessments" titleTypographyProps={headingProps}>
            <HistoryTable history={history} />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
