import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { mcpSecurityPermissions } from '@mcp-server-operator/plugin-mcp-security-common';
import { loadKnowledge } from './knowledge/loadKnowledge';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { RegistryStatusReader } from './registry/RegistryStatusReader';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createAdviseOnServerAction } from './actions/createAdviseOnServerAction';
import { createGetAssessmentAction } from './actions/createGetAssessmentAction';
import { createListFindingsAction } from './actions/createListFindingsAction';
import { createGetMaintenanceDueAction } from './actions/createGetMaintenanceDueAction';
import { createListRecommendationsAction } from './actions/createListRecommendationsAction';
import { createListAdvisoriesAction } from './actions/createListAdvisoriesAction';
import { createListPendingChangesAction } from './actions/createListPendingChangesAction';
import { createRequestChangeAction } from './actions/createRequestChangeAction';
import { AdvisoryFleet } from './advisories/AdvisoryFleet';
import { AdvisoryNotifier } from './advisories/AdvisoryNotifier';
import { AdvisoryService } from './advisories/AdvisoryService';
import { readMcpSecurityConfig } from './config';
import { DatabaseMcpSecurityStore } from './database/DatabaseMcpSecurityStore';
import { ServerJsonReader } from './reading/ServerJsonReader';
import { AssessmentService } from './service/AssessmentService';
import { createRouter } from './service/router';
import { Sweeper } from './service/Sweeper';
import { Housekeeper } from './service/Housekeeper';
import { MaintenanceService } from './service/MaintenanceService';
import { ChangeService } from './service/ChangeService';
import { ChangeStore } from './database/ChangeStore';
import { ScorecardStore } from './database/ScorecardStore';
import { AdvisoryStore } from './database/AdvisoryStore';
import { DatabaseFindingStore } from './database/DatabaseFindingStore';
import { FindingService } from './findings/FindingService';
import { ScorecardService } from './service/ScorecardService';
import { ToolSnapshotStore } from './database/ToolSnapshotStore';
import { ToolFactsReader } from './tools/ToolFactsReader';
import { ToolSnapshotService } from './tools/ToolSnapshotService';

/**
 * The MCP Security backend plugin: assessments of the MCP servers in the
 * catalog, served under `/api/mcp-security`.
 *
 * @public
 */
export const mcpSecurityPlugin = createBackendPlugin({
  pluginId: 'mcp-security',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        userInfo: coreServices.userInfo,
      },
      async init({
        auth,
        auditor,
        permissions,
        permissionsRegistry,
        config,
        logger,
        scheduler,
        database,
        httpAuth,
        httpRouter,
        urlReader,
        catalog,
        actionsRegistry,
        notifications,
        userInfo,
      }) {
        const settings = readMcpSecurityConfig(config);
        const knowledge = await loadKnowledge({
          builtinDir: resolvePackagePath(
            '@mcp-server-operator/plugin-mcp-security-backend',
            'knowledge',
          ),
          organisationDirs: settings.knowledgePaths,
        });
        logger.info(
          `Knowledge base ${knowledge.version}: ${knowledge.controls.length} controls`,
        );
        permissionsRegistry.addPermissions(mcpSecurityPermissions);
        const store = await DatabaseMcpSecurityStore.create({ database });
        const reader = new ServerJsonReader({
          urlReader,
          integrations: ScmIntegrations.fromConfig(config),
          maxBytes: settings.serverJsonMaxBytes,
        });
        const maintenance = new MaintenanceService({
          store,
          knowledge,
          permissions,
          auditor,
          repeatCompletionWindowMs: settings.repeatCompletionWindowMs,
        });
        const scorecardStore = await ScorecardStore.create({ database });
        const scorecards = new ScorecardService({
          store: scorecardStore,
          assessmentStore: store,
          catalog,
          auth,
          knowledge,
        });
        const advisories = new AdvisoryService({
          ...settings.advisories,
          store: await AdvisoryStore.create({ database }),
          urlReader,
          logger,
        });
        // Loaded before the first sweep, so no server is assessed without them.
        await advisories.load();
        await advisories.schedule(scheduler, settings.advisories.schedule);
        const toolSnapshots = await ToolSnapshotStore.create({ database });
        const findingStore = await DatabaseFindingStore.create({ database });
        const assessments = new AssessmentService({
          catalog,
          reader,
          store,
          knowledge,
          advisories,
          tools: new ToolFactsReader({ store: toolSnapshots, knowledge }),
          findings: findingStore,
          registry: new RegistryStatusReader({ catalog, auth }),
          permissions,
          listeners: [
            maintenance,
            scorecards,
            new AdvisoryNotifier({ store, notifications, logger }),
          ],
          kinds: settings.kinds,
          auditor,
        });
        const findings = new FindingService({
          assessments,
          store: findingStore,
          permissions,
          auditor,
        });
        const changes = new ChangeService({
          store: await ChangeStore.create({ database }),
          assessments,
          catalog,
          knowledge,
          permissions,
          userInfo,
          notifications,
          logger,
          auditor,
        });
        const tools = new ToolSnapshotService({
          store: toolSnapshots,
          assessments,
          changes,
          permissions,
          auditor,
        });
        changes.addListener(tools);
        const sweeper = new Sweeper({
          auth,
          catalog,
          assessments,
          store,
          logger,
          kinds: settings.kinds,
        });
        await sweeper.schedule(scheduler, settings.sweepSchedule);
        await new Housekeeper({
          store,
          knowledge,
          notifications,
          scorecards,
          logger,
        }).schedule(scheduler, settings.housekeepingSchedule);
        const fleet = new AdvisoryFleet({
          catalog,
          store,
          summaries: scorecardStore,
          advisories,
        });
        createGetAssessmentAction({ actionsRegistry, assessments });
        createAdviseOnServerAction({ actionsRegistry, assessments });
        createListRecommendationsAction({ actionsRegistry, assessments });
        createGetMaintenanceDueAction({
          actionsRegistry,
          assessments,
          maintenance,
        });
        createListPendingChangesAction({ actionsRegistry, changes });
        createListAdvisoriesAction({ actionsRegistry, fleet });
        createListFindingsAction({ actionsRegistry, findings });
        createRequestChangeAction({ actionsRegistry, changes });
        httpRouter.use(
          await createRouter({
            httpAuth,
            assessments,
            maintenance,
            changes,
            scorecards,
            permissions,
            knowledge,
            advisories: fleet,
            tools,
            findings,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
