import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  mcpSecurityScorecardReadPermission,
  adviseRequestSchema,
  KnowledgeModelSummary,
  maintenanceCompletionRequestSchema,
  changeCreateRequestSchema,
  changeTransitionParamSchema,
  changeTransitionRequestSchema,
  recommendationDecisionRequestSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import express from 'express';
import Router from 'express-promise-router';
import { AdvisoryFleet } from '../advisories/AdvisoryFleet';
import { Knowledge } from '../knowledge/loadKnowledge';
import { AssessmentService } from './AssessmentService';
import { MaintenanceService } from './MaintenanceService';
import { ChangeService } from './ChangeService';
import { ScorecardService } from './ScorecardService';
import { scorecardCsv } from '../engine/scorecardCsv';
import { authorizeBasic } from './authorizeEntity';
import { maintenanceCalendar } from '../engine/icalendar';
import { tabLink } from './Housekeeper';
import { parseEntityRefParams } from './parseEntityRefParams';
import {
  advisoriesQuerySchema,
  scorecardsQuerySchema,
  trendQuerySchema,
  changesQuerySchema,
  completionsQuerySchema,
  historyQuerySchema,
  parseRequest,
} from './parseRequest';

const ENTITY = '/entities/:kind/:namespace/:name';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  assessments: AssessmentService;
  maintenance: MaintenanceService;
  changes: ChangeService;
  scorecards: ScorecardService;
  permissions: PermissionsService;
  knowledge: Knowledge;
  advisories: AdvisoryFleet;
}): Promise<express.Router> {
  const {
    httpAuth,
    auditor,
    assessments,
    maintenance,
    changes,
    scorecards,
    permissions,
    knowledge,
    advisories,
  } = options;

  /** Runs a mutation inside an auditor event that records its success or failure. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string | number>,
    mutation: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await mutation();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(`${ENTITY}/assessment`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    res.json(await assessments.getAssessmentView(entityRef, credentials));
  });

  router.get(`${ENTITY}/assessments`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    const { limit } = parseRequest(historyQuerySchema, req.query, 'query');
    res.json({
      items: await assessments.getHistory(entityRef, credentials, limit),
    });
  });

  // Mutations accept user principals only: the permission client allows
  // service principals without asking the policy.
  router.post(`${ENTITY}/assessment/refresh`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const view = await audited(
      req,
      'assessment-refresh',
      { entityRef: stringifyEntityRef(entityRef) },
      () => assessments.refresh(entityRef, credentials),
    );
    res.json(view);
  });

  router.put(`${ENTITY}/recommendations/:controlId`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(
      recommendationDecisionRequestSchema,
      req.body,
      'body',
    );
    const view = await audited(
      req,
      'recommendation-decision',
      {
        entityRef: stringifyEntityRef(entityRef),
        controlId: req.params.controlId,
        status: body.status,
      },
      () =>
        assessments.decide(entityRef, req.params.controlId, body, credentials),
    );
    res.json(view);
  });

  // Reading a server's maintenance first brings its assessment, and so its
  // schedule, up to date, with the caller's catalog access.
  router.get(`${ENTITY}/maintenance`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    const { entityRef: ref } = await assessments.getAssessment(
      entityRef,
      credentials,
    );
    res.json({ items: await maintenance.list(ref!) });
  });

  router.get(`${ENTITY}/maintenance/completions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    const query = parseRequest(completionsQuerySchema, req.query, 'query');
    const { entityRef: ref } = await assessments.getAssessment(
      entityRef,
      credentials,
    );
    res.json({ items: await maintenance.completions(ref!, query) });
  });

  router.get(`${ENTITY}/maintenance.ics`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    const assessment = await assessments.getAssessment(entityRef, credentials);
    const ref = assessment.entityRef!;
    res
      .type('text/calendar; charset=utf-8')
      .attachment(`${entityRef.name}-maintenance.ics`)
      .send(
        maintenanceCalendar({
          entityRef: ref,
          serverTitle: assessment.profile.title ?? assessment.profile.name,
          tasks: await maintenance.list(ref),
          link: tabLink(ref),
          now: new Date(),
        }),
      );
  });

  router.post(`${ENTITY}/maintenance/:taskId/completions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(
      maintenanceCompletionRequestSchema,
      req.body,
      'body',
    );
    const { entityRef: ref } = await assessments.getAssessment(
      entityRef,
      credentials,
    );
    const task = await audited(
      req,
      'maintenance-completion',
      { entityRef: ref!, taskId: req.params.taskId, outcome: body.outcome },
      () => maintenance.complete(ref!, req.params.taskId, body, credentials),
    );
    res.status(201).json(task);
  });

  router.get(`${ENTITY}/changes`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    res.json({ items: await changes.listForServer(entityRef, credentials) });
  });

  router.post(`${ENTITY}/changes`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(changeCreateRequestSchema, req.body, 'body');
    const change = await audited(
      req,
      'change-create',
      { entityRef: stringifyEntityRef(entityRef), changeType: body.changeType },
      () => changes.create(entityRef, body, credentials),
    );
    res.status(201).json(change);
  });

  router.get('/changes', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseRequest(changesQuerySchema, req.query, 'query');
    const items = await changes.list(
      {
        states: query.state,
        entityRef: query.entityRef,
        awaitingMyVote: query.awaiting === 'me',
        limit: query.limit,
      },
      credentials,
    );
    res.json({ items });
  });

  router.get('/changes/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await changes.get(req.params.id, credentials));
  });

  router.post('/changes/:id/:transition', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const transition = parseRequest(
      changeTransitionParamSchema,
      req.params.transition,
      'transition',
    );
    const body = parseRequest(changeTransitionRequestSchema, req.body, 'body');
    const change = await audited(
      req,
      'change-transition',
      { changeId: req.params.id, transition, version: body.version },
      () => changes.transition(req.params.id, transition, body, credentials),
    );
    res.json(change);
  });

  // Scorecards aggregate across every team, so they need their own permission.
  async function scorecardReader(req: express.Request) {
    const credentials = await httpAuth.credentials(req);
    await authorizeBasic(
      permissions,
      mcpSecurityScorecardReadPermission,
      credentials,
    );
    return credentials;
  }

  router.get('/scorecards', async (req, res) => {
    await scorecardReader(req);
    const { groupBy } = parseRequest(scorecardsQuerySchema, req.query, 'query');
    res.json({
      groupBy,
      levels: scorecards.levels(),
      items: await scorecards.scorecards(groupBy),
    });
  });

  router.get('/scorecards.csv', async (req, res) => {
    await scorecardReader(req);
    const { groupBy } = parseRequest(scorecardsQuerySchema, req.query, 'query');
    res
      .type('text/csv; charset=utf-8')
      .attachment(`mcp-security-scorecards-${groupBy}.csv`)
      .send(scorecardCsv(await scorecards.scorecards(groupBy)));
  });

  router.get('/scorecards/:groupRef', async (req, res) => {
    const credentials = await scorecardReader(req);
    const { groupBy } = parseRequest(scorecardsQuerySchema, req.query, 'query');
    res.json(await scorecards.group(groupBy, req.params.groupRef, credentials));
  });

  router.get('/scorecards/:groupRef/trend', async (req, res) => {
    await scorecardReader(req);
    const { groupBy, days } = parseRequest(
      trendQuerySchema,
      req.query,
      'query',
    );
    res.json({
      items: await scorecards.trend(groupBy, req.params.groupRef, days),
    });
  });

  router.get('/knowledge/change-types', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      items: knowledge.changeTypes,
      policy: knowledge.approvalPolicy,
    });
  });

  router.post('/advise', async (req, res) => {
    await httpAuth.credentials(req);
    const body = parseRequest(adviseRequestSchema, req.body, 'body');
    res.json(assessments.advise(body));
  });

  router.get('/advisories', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseRequest(advisoriesQuerySchema, req.query, 'query');
    res.json(await advisories.list(credentials, query));
  });

  router.get('/knowledge/model', async (req, res) => {
    await httpAuth.credentials(req);
    const summary: KnowledgeModelSummary = {
      version: knowledge.version,
      riskLevels: knowledge.model.risk.levels,
      assuranceLevels: knowledge.model.assuranceLevels,
      guidanceTypes: knowledge.model.guidanceTypes,
    };
    res.json(summary);
  });

  router.get('/knowledge/controls', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ version: knowledge.version, items: knowledge.controls });
  });

  return router;
}
