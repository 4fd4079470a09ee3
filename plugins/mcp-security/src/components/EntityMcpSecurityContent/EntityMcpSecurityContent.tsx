import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  AssessmentView,
  mcpSecurityAssessmentRefreshPermission,
  mcpSecurityChangeApprovePermission,
  mcpSecurityChangeCreatePermission,
  mcpSecurityChangeImplementPermission,
  mcpSecurityMaintenanceCompletePermission,
  mcpSecurityRecommendationUpdatePermission,
  RecommendationDecisionForm,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { mcpSecurityApiRef } from '../../api';
import { AssessmentHistory } from '../AssessmentHistory';
import { AssessmentOverview } from '../AssessmentOverview';
import { ChangeRequests } from '../ChangeRequests';
import { MaintenanceSchedule } from '../MaintenanceSchedule';
import { RecommendationsList } from '../RecommendationsList';

const sections = [
  { id: 'overview', label: 'Overview' },
  { id: 'recommendations', label: 'Recommendations' },
  { id: 'history', label: 'History' },
  { id: 'maintenance', label: 'Maintenance' },
  { id: 'changes', label: 'Changes' },
] as const;

type SectionId = (typeof sections)[number]['id'];

/**
 * The sections of the tab. `openChangeId` (the `change` query parameter of
 * the links in change notifications and the approvals inbox) opens the
 * Changes section on that change.
 */
function McpSecuritySections(props: {
  entityRef: string;
  openChangeId?: string;
}) {
  const { entityRef, openChangeId } = props;
  const mcpSecurityApi = useApi(mcpSecurityApiRef);
  const [section, setSection] = useState<SectionId>(
    openChangeId ? 'changes' : 'overview',
  );
  // A refresh or a decision answers with the assessment as it now stands,
  // which replaces the one loaded first.
  const [updated, setUpdated] = useState<AssessmentView>();
  // The model explains the assessment (guidance, assurance level, the risk
  // levels' thresholds); an organisation may override it, so it is read from
  // the backend, once for every section.
  const { value, loading, error } = useAsync(async () => {
    const [assessment, model] = await Promise.all([
      mcpSecurityApi.getAssessment(entityRef),
      mcpSecurityApi.getKnowledgeModel(),
    ]);
    return { assessment, model };
  }, [mcpSecurityApi, entityRef]);
  const { allowed: canRefresh } = usePermission({
    permission: mcpSecurityAssessmentRefreshPermission,
    resourceRef: entityRef,
  });
  const { allowed: canDecide } = usePermission({
    permission: mcpSecurityRecommendationUpdatePermission,
    resourceRef: entityRef,
  });
  const { allowed: canComplete } = usePermission({
    permission: mcpSecurityMaintenanceCompletePermission,
    resourceRef: entityRef,
  });
  const { allowed: canCreateChange } = usePermission({
    permission: mcpSecurityChangeCreatePermission,
    resourceRef: entityRef,
  });
  const { allowed: canApproveChange } = usePermission({
    permission: mcpSecurityChangeApprovePermission,
    resourceRef: entityRef,
  });
  const { allowed: canImplementChange } = usePermission({
    permission: mcpSecurityChangeImplementPermission,
    resourceRef: entityRef,
  });

  const refresh = useCallback(async () => {
    setUpdated(await mcpSecurityApi.refreshAssessment(entityRef));
  }, [mcpSecurityApi, entityRef]);
  const shown = updated ?? value?.assessment;
  const decide = useCallback(
    async (controlId: string, decision: RecommendationDecisionForm) => {
      // The version of the decision on screen: if someone decided meanwhile,
      // the backend refuses with a conflict instead of overwriting theirs.
      const version =
        shown?.recommendations.find(r => r.controlId === controlId)?.decision
          ?.version ?? 0;
      setUpdated(
        await mcpSecurityApi.decideRecommendation(entityRef, controlId, {
          ...decision,
          version,
        }),
      );
    },
    [mcpSecurityApi, entityRef, shown],
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
  const { model } = value;
  const assessment = updated ?? value.assessment;
  const panels: Record<SectionId, JSX.Element> = {
    overview: (
      <AssessmentOverview
        assessment={assessment}
        model={model}
        onRefresh={canRefresh ? refresh : undefined}
      />
    ),
    recommendations: (
      <RecommendationsList
        recommendations={assessment.recommendations}
        onDecide={canDecide ? decide : undefined}
      />
    ),
    history: (
      <AssessmentHistory entityRef={entityRef} riskLevels={model.riskLevels} />
    ),
    maintenance: (
      <MaintenanceSchedule entityRef={entityRef} canComplete={canComplete} />
    ),
    changes: (
      <ChangeRequests
        entityRef={entityRef}
        serverRisk={assessment.risk.level}
        canCreate={canCreateChange}
        canApprove={canApproveChange}
        canImplement={canImplementChange}
        openChangeId={openChangeId}
      />
    ),
  };
  return (
    <>
      <Tabs
        value={section}
        onChange={(_event, id: SectionId) => setSection(id)}
        aria-label="MCP Security sections"
        indicatorColor="primary"
        textColor="primary"
      >
        {sections.map(({ id, label }) => (
          <Tab
            key={id}
            value={id}
            label={label}
            id={`mcp-security-tab-${id}`}
            aria-controls={`mcp-security-tabpanel-${id}`}
          />
        ))}
      </Tabs>
      {sections.map(({ id }) => (
        // Every panel exists, so that each tab's aria-controls points at one,
        // but only the selected one has content: the history and the
        // maintenance load when opened, and so show a refresh made on the
        // overview.
        <Box
          key={id}
          pt={3}
          role="tabpanel"
          id={`mcp-security-tabpanel-${id}`}
          aria-labelledby={`mcp-security-tab-${id}`}
          hidden={id !== section}
        >
          {id === section && panels[id]}
        </Box>
      ))}
    </>
  );
}

/**
 * The MCP Security tab of an MCP server entity: its latest assessment (trust,
 * risk, guidance, findings), the recommendations with the owner's decisions,
 * the history of its risk, its maintenance schedule, and its change
 * requests. A `?change=<id>` query parameter opens the Changes section on
 * that change.
 *
 * @public
 */
export function EntityMcpSecurityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [searchParams] = useSearchParams();
  // Keyed by entity, so that an assessment refreshed on one entity page never
  // shows on the next one.
  return (
    <McpSecuritySections
      key={entityRef}
      entityRef={entityRef}
      openChangeId={searchParams.get('change') ?? undefined}
    />
  );
}
