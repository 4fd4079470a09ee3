import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mcpSecurityScorecardReadPermission,
  adviseRequestSchema,
  KnowledgeModelSummary,
  maintenanceCompletionRequestSchema,
  changeCreateRequestSchema,
  changeTransitionParamSchema,
  changeTransitionRequestSchema,
  findingsImportRequestSchema,
  recommendationDecisionRequestSchema,
  toolListSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { AdvisoryFleet } from '../advisories/AdvisoryFleet';
import { FindingService } from '../findings/FindingService';
import { Knowledge } from '../knowledge/loadKnowledge';
import { AssessmentService } from './AssessmentService';
import { MaintenanceService } from './MaintenanceService';
import { ChangeService } from './ChangeService';
import { ScorecardService } from './ScorecardService';
import { ToolSnapshotService } from '../tools/ToolSnapshotService';
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
  idempotencyKeySchema,
  parseRequest,
} from './parseRequest';

const ENTITY = '/entities/:kind/:namespace/:name';

const findingsEnvelopeSchema = findingsImportRequestSchema.omit({
  report: true,
});

/** The largest request body, as large as the largest server.json read from the catalog by default. */
const MAX_BODY_BYTES = 256 * 1024;

/** The largest findings report: a scan of a large server runs to megabytes. */
const MAX_REPORT_BYTES = 10 * 1024 * 1024;

/** Bodies that are too large or not JSON are the caller's mistake: say which limit, as an InputError. */
function bodyErrorsAsInputErrors(
  error: Error & { type?: string; length?: number; limit?: number },
  _req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
) {
  // A report over its own limit keeps body-parser's 413 (Payload Too Large).
  if (error.type === 'entity.too.large' && error.limit === MAX_BODY_BYTES) {
    next(
      new InputError(
        `Invalid body: body has ${error.length} bytes (limit ${error.limit})`,
      ),
    );
  } else if (error.type === 'entity.parse.failed') {
    next(new InputError(`Invalid body: not JSON: ${error.message}`));
  } else {
    next(error);
  }
}

/** Media types of a report: plain JSON, or SARIF's own (`application/sarif+json`). */
const JSON_REPORT_TYPES = ['application/json', 'application/*+json'];

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  assessments: AssessmentService;
  maintenance: MaintenanceService;
  changes: ChangeService;
  scorecards: ScorecardService;
  permissions: PermissionsService;
  knowledge: Knowledge;
  advisories: AdvisoryFleet;
  tools: ToolSnapshotService;
  findings: FindingService;
}): Promise<express.Router> {
  const {
    httpAuth,
    assessments,
    maintenance,
    changes,
    scorecards,
    permissions,
    knowledge,
    advisories,
    tools,
    findings,
  } = options;

  // Every mutation is audited by its service, with the request for context.
  const router = Router();
  // Reports get their own, larger limit; the parser below then skips them.
  router.use(
    `${ENTITY}/findings`,
    express.json({ limit: MAX_REPORT_BYTES, type: JSON_REPORT_TYPES }),
  );
  router.use(express.json({ limit: MAX_BODY_BYTES }));
  router.use(bodyErrorsAsInputErrors);

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
    res.json(await assessments.refresh(entityRef, credentials, req));
  });

  router.put(`${ENTITY}/recommendations/:controlId`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(
      recommendationDecisionRequestSchema,
      req.body,
      'body',
    );
    res.json(
      await assessments.decide(
        entityRef,
        req.params.controlId,
        body,
        credentials,
        req,
      ),
    );
  });

  router.get(`${ENTITY}/findings`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = parseEntityRefParams(req.params);
    res.json({ items: await findings.list(entityRef, credentials) });
  });

  router.post(`${ENTITY}/findings`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    // The envelope is checked here; the report against its format's larger limits.
    if (typeof req.body !== 'object' || Array.isArray(req.body)) {
      throw new InputError(
        `Invalid body: expected object, received ${
          Array.isArray(req.body) ? 'array' : typeof req.body
        }`,
      );
    }
    const { report, ...envelope } = req.body;
    const { format } = parseRequest(findingsEnvelopeSchema, envelope, 'body');
    res.json(
      await findings.importReport(
        entityRef,
        { format, report },
        credentials,
        req,
      ),
    );
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
    const key = req.get('Idempotency-Key');
    const idempotencyKey =
      key === undefined
        ? undefined
        : parseRequest(idempotencyKeySchema, key, 'Idempotency-Key header');
    const { entityRef: ref } = await assessments.getAssessment(
      entityRef,
      credentials,
    );
    const task = await maintenance.complete(
      ref!,
      req.params.taskId,
      body,
      credentials,
      { idempotencyKey, httpRequest: req },
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
    const change = await changes.create(entityRef, body, credentials, req);
    res.status(201).json(change);
  });

  router.post(`${ENTITY}/tool-snapshots`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(toolListSchema, req.body, 'body');
    res.json(await tools.import(entityRef, body, credentials, req));
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
    const change = await changes.transition(
      req.params.id,
      transition,
      body,
      credentials,
      req,
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
