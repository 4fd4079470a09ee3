import { z } from 'zod';
import {
  authSchema,
  changeTransitionSchema,
  maintenanceOutcomeSchema,
  capabilitySchema,
  dataClassificationSchema,
  deploymentContextSchema,
  exposureSchema,
  isolationSchema,
  recommendationStatusSchema,
} from './vocabulary';

const decisionFields = {
  status: recommendationStatusSchema,
  note: z.string().trim().max(2000).optional(),
};
const dismissalNeedsReason = (body: { status: string; note?: string }) =>
  body.status !== 'dismissed' || !!body.note;
const dismissalReasonIssue = {
  path: ['note'],
  message: 'a reason is required to dismiss a recommendation',
};

/** What an owner decides on a recommendation, as a form asks it. Dismissing needs a reason. */
export const recommendationDecisionFormSchema = z
  .object(decisionFields)
  .strict()
  .refine(dismissalNeedsReason, dismissalReasonIssue);
export type RecommendationDecisionForm = z.infer<
  typeof recommendationDecisionFormSchema
>;

/**
 * Body of `PUT …/recommendations/:controlId`: the decision, and the version
 * of the current decision the caller saw (0 when there was none), so a
 * decision made meanwhile by someone else is a conflict, not silently
 * overwritten.
 */
export const recommendationDecisionRequestSchema = z
  .object({ ...decisionFields, version: z.number().int().min(0) })
  .strict()
  .refine(dismissalNeedsReason, dismissalReasonIssue);
export type RecommendationDecisionRequest = z.infer<
  typeof recommendationDecisionRequestSchema
>;

/** The facts an owner would declare as annotations, in camelCase, for servers outside the catalog. */
export const adviseContextSchema = z
  .object({
    deploymentContext: deploymentContextSchema.optional(),
    exposure: exposureSchema.optional(),
    dataClassification: dataClassificationSchema.optional(),
    capabilities: z.array(capabilitySchema).optional(),
    isolation: isolationSchema.optional(),
    auth: authSchema.optional(),
    egressAllowlist: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type AdviseContext = z.infer<typeof adviseContextSchema>;

/**
 * Body of `POST /advise`: a server.json, or a client configuration (Claude
 * Desktop `mcpServers`, VS Code `servers`) with the name of the server to
 * assess when it lists more than one.
 */
export const adviseRequestSchema = z
  .object({
    serverJson: z.record(z.string(), z.unknown()).optional(),
    clientConfig: z.record(z.string(), z.unknown()).optional(),
    serverName: z.string().min(1).optional(),
    context: adviseContextSchema.optional(),
  })
  .strict()
  .refine(body => body.serverJson || body.clientConfig, {
    path: ['serverJson'],
    message: 'give a serverJson or a clientConfig to assess',
  });
export type AdviseRequest = z.infer<typeof adviseRequestSchema>;

/** Body of `POST …/maintenance/:taskId/completions`. Evidence is always required; for a skip it is the reason. */
export const maintenanceCompletionRequestSchema = z
  .object({
    outcome: maintenanceOutcomeSchema,
    evidence: z
      .string()
      .trim()
      .min(
        1,
        'evidence is required: what was checked and what was found, or why it was skipped',
      )
      .max(10000),
    /**
     * The task was completed again on purpose: without it, a completion
     * soon after the last one is taken for a retry and refused.
     */
    repeat: z.boolean().optional(),
  })
  .strict();
export type MaintenanceCompletionRequest = z.infer<
  typeof maintenanceCompletionRequestSchema
>;

/** Body of `POST …/changes`: a draft change request on the server. */
export const changeCreateRequestSchema = z
  .object({
    changeType: z.string().min(1),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(10000),
    rollbackPlan: z.string().trim().max(10000).default(''),
    plannedStart: z.iso.datetime({ offset: true }).optional(),
    plannedEnd: z.iso.datetime({ offset: true }).optional(),
    emergency: z.boolean().default(false),
  })
  .strict()
  .refine(
    // Compared as instants: offsets make the strings' order meaningless.
    body =>
      !body.plannedStart ||
      !body.plannedEnd ||
      Date.parse(body.plannedStart) <= Date.parse(body.plannedEnd),
    { path: ['plannedEnd'], message: 'must not be before plannedStart' },
  );
export type ChangeCreateRequest = z.infer<typeof changeCreateRequestSchema>;

/** Body of `POST /changes/:id/:transition`: the version the caller saw, and an optional comment. */
export const changeTransitionRequestSchema = z
  .object({
    version: z.number().int().min(1),
    comment: z.string().trim().max(5000).optional(),
  })
  .strict();
export type ChangeTransitionRequest = z.infer<
  typeof changeTransitionRequestSchema
>;

export const changeTransitionParamSchema = changeTransitionSchema;

/** The report formats findings can be imported from. */
export const findingsFormatSchema = z.enum(['sarif', 'cisco-mcp-scanner']);
export type FindingsFormat = z.infer<typeof findingsFormatSchema>;

/**
 * Body of `POST /entities/:kind/:namespace/:name/findings`: a report exactly
 * as the tool wrote it, and which tool's format it is in.
 */
export const findingsImportRequestSchema = z
  .object({ format: findingsFormatSchema, report: z.unknown() })
  .strict();
export type FindingsImportRequest = z.infer<typeof findingsImportRequestSchema>;
