import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  adviseRequestSchema,
  KnowledgeModelSummary,
  maintenanceCompletionRequestSchema,
  recommendationDecisionRequestSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knowledge } from '../knowledge/loadKnowledge';
import { AssessmentService } from './AssessmentService';
import { MaintenanceService } from './MaintenanceService';
import { maintenanceCalendar } from '../engine/icalendar';
import { tabLink } from './Housekeeper';
import { parseEntityRefParams } from './parseEntityRefParams';
import {
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
  knowledge: Knowledge;
}): Promise<express.Router> {
  const { httpAuth, auditor, assessments, maintenance, knowledge } = options;
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
    const event = await auditor.createEvent({
      eventId: 'assessment-refresh',
      severityLevel: 'low',
      request: req,
      meta: { entityRef: stringifyEntityRef(entityRef) },
    });
    try {
      const view = await assessments.refresh(entityRef, credentials);
      await event.success({ meta: { riskLevel: view.risk.level } });
      res.json(view);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.put(`${ENTITY}/recommendations/:controlId`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = parseEntityRefParams(req.params);
    const body = parseRequest(
      recommendationDecisionRequestSchema,
      req.body,
      'body',
    );
    const event = await auditor.createEvent({
      eventId: 'recommendation-decision',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: stringifyEntityRef(entityRef),
        controlId: req.params.controlId,
        status: body.status,
      },
    });
    try {
      const view = await assessments.decide(
        entityRef,
        req.params.controlId,
        body,
        credentials,
      );
      await event.success();
      res.json(view);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
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
    const event = await auditor.createEvent({
      eventId: 'maintenance-completion',
      severityLevel: 'low',
      request: req,
      meta: {
        entityRef: ref,
        taskId: req.params.taskId,
        outcome: body.outcome,
      },
    });
    try {
      const task = await maintenance.complete(
        ref!,
        req.params.taskId,
        body,
        credentials,
      );
      await event.success();
      res.status(201).json(task);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/advise', async (req, res) => {
    await httpAuth.credentials(req);
    const body = parseRequest(adviseRequestSchema, req.body, 'body');
    res.json(assessments.advise(body));
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
