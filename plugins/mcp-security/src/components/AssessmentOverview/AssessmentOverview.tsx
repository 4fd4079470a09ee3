import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  AssessmentView,
  KnowledgeModelSummary,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ActionButton } from '../ActionButton';
import { AdvisoriesTable } from '../AdvisoriesTable';
import { ImportedFindingsTable } from '../ImportedFindingsTable';
import { RiskLevelChip } from '../RiskLevelChip';
import { Timestamp } from '../Timestamp';
import { TrustBadge } from '../TrustBadge';
import { FindingsTable } from './FindingsTable';
import { ProvenanceFacts } from './ProvenanceFacts';
import { ResidualRiskSummary } from './ResidualRiskSummary';
import { RiskFactorsTable } from './RiskFactorsTable';
import { TrustSignalsList } from './TrustSignalsList';
import { headingProps } from '../cardHeading';

const useStyles = makeStyles(theme => ({
  stamp: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  // A definition's browser indent would set it apart from its term.
  definition: { margin: 0 },
}));

/** When and with which rules the assessment was made, so that it can be reproduced. */
function AssessmentStamp(props: {
  assessment: AssessmentView;
  onRefresh?: () => Promise<void>;
}) {
  const { assessedAt, knowledgeVersion, engineVersion } = props.assessment;
  const classes = useStyles();
  return (
    <div className={classes.stamp}>
      <Typography variant="body2" color="textSecondary" component="p">
        Assessed <Timestamp value={assessedAt} /> with knowledge base{' '}
        {knowledgeVersion} and engine {engineVersion}.
      </Typography>
      {props.onRefresh && (
        <ActionButton
          icon={<RefreshIcon />}
          label="Refresh"
          busyLabel="Refreshing…"
          action="refresh the assessment"
          onClick={props.onRefresh}
        />
      )}
    </div>
  );
}

function Definition(props: { term: string; title: string; text?: string }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} md={6} component="dl">
      <Typography variant="overline" component="dt">
        {props.term}
      </Typography>
      <dd className={classes.definition}>
        <Typography variant="h6" component="p">
          {props.title}
        </Typography>
        {props.text && (
          <Typography color="textSecondary">{props.text}</Typography>
        )}
      </dd>
    </Grid>
  );
}

/**
 * The overview of an assessment: trust, risk and residual risk, the guidance
 * that applies, the published advisories its packages match, findings, and
 * when it was made. The guidance type and the assurance level are explained
 * in the words of the knowledge base's `model`, which an organisation may
 * override. `onRefresh` is given only to users who may re-assess the server;
 * without it there is no Refresh button.
 */
export function AssessmentOverview(props: {
  assessment: AssessmentView;
  model: KnowledgeModelSummary;
  onRefresh?: () => Promise<void>;
}) {
  const { assessment, model, onRefresh } = props;
  const { trust, risk, residualRisk, findings } = assessment;
  // The assessment names ids only. Should the model lack one (an assessment
  // stored under an older knowledge base), the id still says what applies.
  const guidance = model.guidanceTypes[assessment.guidanceType];
  const assurance = model.assuranceLevels.find(
    level => level.id === assessment.assuranceLevel,
  );
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <AssessmentStamp assessment={assessment} onRefresh={onRefresh} />
      </Grid>
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
          <ResidualRiskSummary
            risk={risk}
            residualRisk={residualRisk}
            recommendations={assessment.recommendations}
          />
        </InfoCard>
      </Grid>
      {assessment.provenance && (
        <Grid item xs={12}>
          <InfoCard title="Provenance" titleTypographyProps={headingProps}>
            <ProvenanceFacts provenance={assessment.provenance} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Guidance" titleTypographyProps={headingProps}>
          <Grid container spacing={2}>
            <Definition
              term="Guidance type"
              title={guidance?.title ?? assessment.guidanceType}
              text={guidance?.description}
            />
            <Definition
              term="Target assurance level"
              title={
                assurance
                  ? `${assurance.id} ${assurance.name}`
                  : assessment.assuranceLevel
              }
              text={assurance?.description}
            />
          </Grid>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Advisories" titleTypographyProps={headingProps}>
          <AdvisoriesTable advisories={assessment.profile.advisories} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Scanner findings" titleTypographyProps={headingProps}>
          <ImportedFindingsTable
            findings={assessment.profile.importedFindings}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Findings" titleTypographyProps={headingProps}>
          <FindingsTable findings={findings} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
