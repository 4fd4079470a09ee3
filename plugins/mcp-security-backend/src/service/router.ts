import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AssessmentService } from './AssessmentService';
import { parseEntityRefParams } from './parseEntityRefParams';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  assessments: AssessmentService;
}): Promise<express.Router> {
  const { httpAuth, assessments } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const entityRef = parseEntityRefParams(req.params);
      res.json(await assessments.getAssessment(entityRef, credentials));
    },
  );

  return router;
}
