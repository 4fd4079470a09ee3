import { z } from 'zod';

/**
 * The fixed vocabularies of facts an owner can declare about an MCP server.
 * One list per fact, shared by annotation parsing, the advise API and the UI.
 */
export const deploymentContextSchema = z.enum([
  'development',
  'internal',
  'production',
  'regulated',
]);
export const exposureSchema = z.enum(['local', 'internal', 'internet']);
export const dataClassificationSchema = z.enum([
  'public',
  'internal',
  'confidential',
  'restricted',
]);
export const isolationSchema = z.enum(['none', 'process', 'container', 'vm']);
export const authSchema = z.enum(['none', 'api-key', 'oauth2', 'mtls']);
export const capabilitySchema = z.enum([
  'filesystem-read',
  'filesystem-write',
  'shell-exec',
  'code-exec',
  'network-egress',
  'database-read',
  'database-write',
  'credentials-access',
  'cloud-admin',
  'email-send',
  'messaging-send',
  'financial-transactions',
  'browser-automation',
  'read-only-api',
  'write-api',
]);
/** Who runs a server's code: the operator, the vendor of the service at its own domain, or someone else. */
export const hostingSchema = z.enum([
  'self-hosted',
  'vendor-hosted',
  'third-party-hosted',
]);
export const trustTierSchema = z.enum(['trusted', 'community', 'unknown']);
export const riskLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);

export const prioritySchema = z.enum(['P1', 'P2', 'P3', 'P4']);
/** CoSAI-style assurance levels: L1 sandbox, L2 internal, L3 production, L4 regulated. */
export const assuranceLevelSchema = z.enum(['L1', 'L2', 'L3', 'L4']);
export const guidanceTypeSchema = z.enum([
  'trusted',
  'community',
  'unknown',
  'enterprise',
  'development',
]);
export const recommendationStatusSchema = z.enum([
  'open',
  'accepted',
  'implemented',
  'dismissed',
]);

export const cadenceSchema = z.enum([
  'daily',
  'weekly',
  'monthly',
  'quarterly',
]);
export const maintenanceOutcomeSchema = z.enum([
  'done',
  'done-with-issues',
  'skipped-with-reason',
]);

export const changeStateSchema = z.enum([
  'draft',
  'submitted',
  'approved',
  'rejected',
  'implemented',
  'verified',
  'rolled-back',
  'cancelled',
]);
export const changeTransitionSchema = z.enum([
  'submit',
  'approve',
  'reject',
  'implement',
  'verify',
  'roll-back',
  'cancel',
]);

export type DeploymentContext = z.infer<typeof deploymentContextSchema>;
export type Exposure = z.infer<typeof exposureSchema>;
export type DataClassification = z.infer<typeof dataClassificationSchema>;
export type Isolation = z.infer<typeof isolationSchema>;
export type Auth = z.infer<typeof authSchema>;
export type Hosting = z.infer<typeof hostingSchema>;
export type Capability = z.infer<typeof capabilitySchema>;
export type TrustTier = z.infer<typeof trustTierSchema>;
export type RiskLevel = z.infer<typeof riskLevelSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type AssuranceLevel = z.infer<typeof assuranceLevelSchema>;
export type GuidanceType = z.infer<typeof guidanceTypeSchema>;
export type RecommendationStatus = z.infer<typeof recommendationStatusSchema>;
export type Cadence = z.infer<typeof cadenceSchema>;
export type ChangeState = z.infer<typeof changeStateSchema>;
export type ChangeTransition = z.infer<typeof changeTransitionSchema>;
export type MaintenanceOutcome = z.infer<typeof maintenanceOutcomeSchema>;

/** A fact nobody declared and nothing revealed. The engine assumes the worst for it. */
export const UNKNOWN = 'unknown' as const;
export type Unknown = typeof UNKNOWN;

/**
 * Whether a recommendation with this status still counts as open: neither
 * implemented nor dismissed. The one definition behind the scorecards' open
 * P1 and P2 counts and the figures the UI shows next to them.
 */
export function isOpenRecommendation(status: RecommendationStatus): boolean {
  return status === 'open' || status === 'accepted';
}
