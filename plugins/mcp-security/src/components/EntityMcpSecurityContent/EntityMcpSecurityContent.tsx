import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { RiskLevelChip } from '../RiskLevelChip';
import { TrustBadge } from '../TrustBadge';
import { FindingsTable } from './FindingsTable';
import { RiskFactorsTable } from './RiskFactorsTable';
import { TrustSignalsList } from './TrustSignalsList';

// Card titles are headings so that screen reader users can jump between sections.
const headingProps = { component: 'h2' };

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

function AssessmentOverview(props: { assessment: Assessment }) {
  const { trust, risk, findings } = props.assessment;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <InfoCard title="Trust" titleTypographyProps={headingProps}>
          <TrustBadge tier={trust.tier} score={trust.score} />
          <TrustSignalsList signals={trust.signals} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Risk" titleTypographyProps={headingProps}>
          <Box display="flex" alignItems="center" gridGap={8} mb={1}>
            <RiskLevelChip level={risk.level} />
            <Typography>Score {risk.score}/100</Typography>
          </Box>
          <RiskFactorsTable factors={risk.factors} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Findings" titleTypographyProps={headingProps}>
          <FindingsTable findings={findings} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <AssessmentStamp assessment={props.assessment} />
      </Grid>
    </Grid>
  );
}

/** When and with which rules the assessment was made, so that it can be reproduced. */
function AssessmentStamp(props: { assessment: Assessment }) {
  const { assessedAt, knowledgeVersion, engineVersion } = props.assessment;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Assessed{' '}
      <time dateTime={assessedAt}>
        {dateTimeFormat.format(new Date(assessedAt))}
      </time>{' '}
      with knowledge base {knowledgeVersion} and engine {engineVersion}.
    </Typography>
  );
}

/**
 * The MCP Security tab of an MCP server entity: trust, risk and findings of
 * its latest assessment.
 *
 * @public
 */
export function EntityMcpSecurityContent() {
  const { entity } = useEntity();
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => mcpSecurityApi.getAssessment(entityRef),
    [mcpSecurityApi, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  return <AssessmentOverview assessment={value} />;
}
