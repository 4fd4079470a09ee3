import {
  assuranceLevelSchema,
  cadenceSchema,
  riskLevelSchema,
  capabilitySchema,
  guidanceTypeSchema,
  prioritySchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';
import { validateCondition } from './validateCondition';

const points = z.number().int().min(-100).max(100);
const severityPoints = z
  .object({
    critical: points,
    high: points,
    medium: points,
    low: points,
    info: points,
  })
  .strict();
const withUnknown = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, unknown: points }).strict();

/** A condition in the filter-predicate syntax, checked against the condition facts. */
export const conditionSchema = z.unknown().superRefine((value, ctx) => {
  for (const problem of validateCondition(value)) {
    ctx.addIssue({ code: 'custom', message: problem });
  }
});

const namespace = z.string().regex(/^[a-z0-9.-]+$/i, 'a reverse-DNS namespace');
const domain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case domain name');

/** A case-insensitive regular expression, compiled when the knowledge base loads. */
const pattern = z.string().superRefine((value, ctx) => {
  try {
    RegExp(value, 'iu');
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `not a valid regular expression: ${(error as Error).message}`,
    });
  }
});

/** A vendor's official MCP server: whose names others may imitate, and which hosts are the vendor's own. */
const officialServerSchema = z
  .object({
    vendor: z.string().min(1),
    namespaces: z.array(namespace).min(1),
    /** Hosts under these domains are the vendor's own. */
    domains: z.array(domain),
    /** Package identifiers as published (npm `@scope/name`, PyPI names, images without tag). */
    packages: z.array(z.string().min(1)),
    /** Distinctive server and package names that a lookalike would imitate. */
    names: z.array(z.string().min(1)),
  })
  .strict();

const knownMaliciousSchema = z
  .object({
    registryType: z.string().min(1),
    identifier: z.string().min(1),
    reason: z.string().min(1),
    reference: z.url().optional(),
  })
  .strict();

const capabilityRuleSchema = z
  .object({
    capability: capabilitySchema,
    /** Matched against the description, names, package identifiers, remote URLs and input names. */
    pattern,
  })
  .strict();

export const modelSchema = z
  .object({
    trust: z
      .object({
        base: points,
        signals: z
          .object({
            registryName: points,
            publisherMatchesRepository: points,
            firstPartyPublisher: points,
            allowedPublisher: points,
            sourceRepository: points,
            noSourceRepository: points,
            allPackagesPinned: points,
            unpinnedPackage: points,
            deprecated: points,
            domainVerifiedPublisher: points,
            publisherMismatch: points,
            vendorHosted: points,
            thirdPartyHosted: points,
            lookalike: points,
            knownMalicious: points,
            releaseSignal: points,
          })
          .strict(),
        findingPenalty: severityPoints,
        findingPenaltyFloor: points,
        tiers: z.object({ trusted: points, community: points }).strict(),
        /** Vendors publishing their own official servers: the only route to "trusted". */
        firstPartyNamespaces: z.array(namespace),
        /** The organisation's own namespaces: servers it builds get "enterprise" guidance. */
        enterpriseNamespaces: z.array(namespace),
        /** Namespaces the organisation vetted; a signal, not a tier. */
        allowedNamespaces: z.array(namespace),
        /** Namespaces the organisation refuses: always the "unknown" tier. */
        deniedNamespaces: z.array(namespace),
      })
      .strict(),
    risk: z
      .object({
        impact: z
          .object({
            capabilities: z.record(capabilitySchema, points),
            additionalCapabilityShare: z.number().min(0).max(1),
            capabilityCap: points,
            undeclaredCapabilities: points,
            /** What it costs that nobody declared capabilities the engine could infer. */
            inferredCapabilitiesUndeclared: points,
            dataClassification: withUnknown({
              public: points,
              internal: points,
              confidential: points,
              restricted: points,
            }),
            deploymentContext: withUnknown({
              development: points,
              internal: points,
              production: points,
              regulated: points,
            }),
          })
          .strict(),
        likelihood: z
          .object({
            trustTier: z
              .object({ trusted: points, community: points, unknown: points })
              .strict(),
            /** The community tier's points at the trusted threshold; they fall linearly from the tier's figure. */
            communityAtTrustedScore: points,
            exposure: withUnknown({
              local: points,
              internal: points,
              internet: points,
            }),
            auth: withUnknown({
              none: points,
              'api-key': points,
              oauth2: points,
              mtls: points,
            }),
            isolation: withUnknown({
              none: points,
              process: points,
              container: points,
              vm: points,
            }),
            unpinnedPackage: points,
            launchTimeDownload: points,
            secretsInArguments: points,
            plainHttpRemote: points,
            egressWithoutAllowlist: points,
            hosting: z
              .object({
                'self-hosted': points,
                'vendor-hosted': points,
                'third-party-hosted': points,
              })
              .strict(),
            publisherMismatch: points,
            lookalike: points,
            knownMalicious: points,
            releaseSignal: points,
            releaseSignalCap: points,
            findingPoints: severityPoints,
            findingCap: points,
          })
          .strict(),
        /** Lowest score of each level above low. */
        levels: z
          .object({ medium: points, high: points, critical: points })
          .strict(),
      })
      .strict(),
    provenance: z
      .object({
        /** Platforms that run other people's servers under their own host names. */
        hostingPlatforms: z.array(domain),
        officialServers: z.array(officialServerSchema),
        knownMaliciousPackages: z.array(knownMaliciousSchema),
        /** Read when nobody declared capabilities; every match is shown as evidence. */
        capabilityInference: z.array(capabilityRuleSchema),
      })
      .strict(),
    /** How published advisories matching a server's packages raise its risk. */
    advisories: z
      .object({
        /** Likelihood points of a malicious package; the level is critical whatever they add up to. */
        malicious: points,
        /** Likelihood points per known vulnerability, by the advisory's severity. */
        vulnerability: z
          .object({
            low: points,
            moderate: points,
            high: points,
            critical: points,
            unknown: points,
          })
          .strict(),
        vulnerabilityCap: points,
        /** Share of the points when an unpinned version only may resolve to an affected one. */
        possibleShare: z.number().min(0).max(1),
      })
      .strict(),
    /** How tool definitions that differ from the reviewed baseline raise a server's risk. */
    toolDefinitions: z
      .object({
        /** Likelihood points while a change to the tools waits for review. */
        unreviewedChange: points,
      })
      .strict(),
    /** How open findings imported from scanners and audits raise a server's risk. */
    importedFindings: z
      .object({
        /** Likelihood points per open finding, by its severity. */
        severity: severityPoints,
        cap: points,
        /** The lowest level a server with an open critical finding has. */
        criticalFloor: z.enum(['medium', 'high', 'critical']),
      })
      .strict(),
    assuranceLevels: z.array(
      z
        .object({
          id: assuranceLevelSchema,
          name: z.string().min(1),
          description: z.string().min(1),
        })
        .strict(),
    ),
    /** First matching rule sets the target assurance level; the fallback applies otherwise. */
    assuranceRules: z.array(
      z
        .object({ level: assuranceLevelSchema, conditions: conditionSchema })
        .strict(),
    ),
    assuranceFallback: assuranceLevelSchema,
    guidanceTypes: z.record(
      guidanceTypeSchema,
      z
        .object({ title: z.string().min(1), description: z.string().min(1) })
        .strict(),
    ),
  })
  .strict();

export type RiskModel = z.infer<typeof modelSchema>;

export const controlCategories = [
  'runtime-isolation',
  'network-egress',
  'traffic-mediation',
  'identity-authorisation',
  'secrets',
  'supply-chain',
  'tool-integrity',
  'monitoring',
  'incident-response',
  'change-management',
  'data-protection',
  'agent-governance',
  'lifecycle',
] as const;

/** Risk factor ids the engine can give; a control may take points off these once implemented. */
export const riskFactorIds = [
  'capabilities',
  'capabilities-undeclared',
  'data-classification',
  'deployment-context',
  'trust-tier',
  'exposure',
  'auth',
  'isolation',
  'unpinned-packages',
  'launch-time-download',
  'secrets-in-arguments',
  'plain-http',
  'egress-unrestricted',
  'findings',
  'hosting',
  'publisher-mismatch',
  'lookalike',
  'known-malicious',
  'release-signals',
  'unreviewed-tool-change',
] as const;

export const controlSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(1),
    category: z.enum(controlCategories),
    conditions: conditionSchema,
    priority: z.record(assuranceLevelSchema, prioritySchema),
    rationale: z.string().min(1),
    steps: z.array(z.string().min(1)).min(1),
    verification: z.array(z.string().min(1)).min(1),
    references: z
      .array(
        z
          .object({ title: z.string().min(1), url: z.url().optional() })
          .strict(),
      )
      .min(1),
    mitigates: z
      .array(
        z
          .object({
            factor: z.enum(riskFactorIds),
            points: z.number().int().min(1),
          })
          .strict(),
      )
      .default([]),
    template: z.string().min(1).optional(),
    /** Listed before the other controls of its priority: until it is done, they hardly matter. */
    first: z.boolean().default(false),
  })
  .strict();

export type ControlDefinition = z.infer<typeof controlSchema>;

/** An organisation's file may switch a built-in entry off by id. */
export const disabledEntrySchema = z
  .object({ id: z.string().min(1), disabled: z.literal(true) })
  .strict();
export type DisabledEntry = z.infer<typeof disabledEntrySchema>;

/**
 * A file of knowledge entries under one list key. Each entry is checked
 * against the one schema it claims to follow (an entry or a switch-off), so
 * an error names the exact field instead of "no union member matched".
 */
function entryFileSchema<T>(listKey: string, entrySchema: z.ZodType<T>) {
  return z
    .object({ [listKey]: z.array(z.record(z.string(), z.unknown())) })
    .strict()
    .transform((file, ctx) =>
      (file[listKey] as Record<string, unknown>[]).flatMap(
        (entry, index): (T | DisabledEntry)[] => {
          const parsed =
            entry.disabled === undefined
              ? entrySchema.safeParse(entry)
              : disabledEntrySchema.safeParse(entry);
          if (parsed.success) return [parsed.data];
          for (const issue of parsed.error.issues) {
            ctx.addIssue({
              code: 'custom',
              path: [listKey, index, ...issue.path],
              message: issue.message,
            });
          }
          return [];
        },
      ),
    );
}

export const controlFileSchema = entryFileSchema('controls', controlSchema);

export const maintenanceTaskSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(1),
    area: z.enum([
      'operations',
      'access',
      'supply-chain',
      'agent-behaviour',
      'compliance',
      'resilience',
    ]),
    conditions: conditionSchema,
    /** How often, by the server's risk level: riskier servers are checked more often. */
    cadence: z.record(riskLevelSchema, cadenceSchema),
    /** Why these cadences. */
    rationale: z.string().min(1),
    procedure: z.array(z.string().min(1)).min(1),
    /** What the person completing the task records as evidence. */
    evidence: z.string().min(1),
    references: z
      .array(
        z
          .object({ title: z.string().min(1), url: z.url().optional() })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type MaintenanceTaskDefinition = z.infer<typeof maintenanceTaskSchema>;

export const maintenanceTaskFileSchema = entryFileSchema(
  'tasks',
  maintenanceTaskSchema,
);

/**
 * A sign of tool poisoning: a case-insensitive pattern over a tool's texts,
 * or a length above which a text is suspect. Exactly one of the two.
 */
export const toolPoisoningRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(1),
    severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
    pattern: pattern.optional(),
    maxLength: z.number().int().min(1).optional(),
    /** Why a match matters, shown with the finding. */
    why: z.string().min(1),
  })
  .strict()
  .refine(
    rule => (rule.pattern === undefined) !== (rule.maxLength === undefined),
    {
      message: 'needs exactly one of pattern and maxLength',
    },
  );
export type ToolPoisoningRule = z.infer<typeof toolPoisoningRuleSchema>;

export const toolPoisoningRuleFileSchema = entryFileSchema(
  'toolPoisoningRules',
  toolPoisoningRuleSchema,
);

export const changeTypeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    title: z.string().min(1),
    description: z.string().min(1),
    /** The least risk a change of this kind carries; the server's risk level raises it. */
    baseRisk: riskLevelSchema,
    /** The security team must be among the approvers whatever the risk. */
    securityReview: z.boolean(),
    /** May be implemented before approval, with a review afterwards. */
    emergencyAllowed: z.boolean(),
  })
  .strict();
export type ChangeTypeDefinition = z.infer<typeof changeTypeSchema>;

export const changeTypeFileSchema = entryFileSchema(
  'changeTypes',
  changeTypeSchema,
);

const durationSchema = z
  .object({
    days: z.number().int().min(0).optional(),
    hours: z.number().int().min(0).optional(),
    minutes: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(
    d => (d.days ?? 0) + (d.hours ?? 0) + (d.minutes ?? 0) > 0,
    'must be longer than zero',
  );

const groupRef = z
  .string()
  .regex(
    /^group:[^/]+\/.+$/,
    'a group entity reference, e.g. group:default/security-team',
  );

export const approvalPolicySchema = z
  .object({
    approvals: z.record(
      riskLevelSchema,
      z
        .object({
          count: z.number().int().min(1),
          requiredGroups: z.array(groupRef),
        })
        .strict(),
    ),
    securityReviewGroup: groupRef,
    approverGroups: z.array(groupRef).min(1),
    approvalExpiry: durationSchema,
    emergencyReviewWindow: durationSchema,
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

export function durationMs(duration: z.infer<typeof durationSchema>): number {
  return (
    ((duration.days ?? 0) * 24 * 60 +
      (duration.hours ?? 0) * 60 +
      (duration.minutes ?? 0)) *
    60_000
  );
}

const ratio = z.number().min(0).max(1);
const count = z.number().int().min(0);

export const scorecardLevelsSchema = z
  .object({
    levels: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            title: z.string().min(1),
            description: z.string().min(1),
            criteria: z
              .object({
                minCoverage: ratio.optional(),
                maxCriticalServers: count.optional(),
                maxHighServers: count.optional(),
                maxOpenP1: count.optional(),
                maxOverdueMaintenance: count.optional(),
                maxStaleApprovals: count.optional(),
                maxEmergencyWithoutReview: count.optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1),
    coverageWindow: durationSchema,
    staleApprovalAfter: durationSchema,
  })
  .strict();
export type ScorecardLevels = z.infer<typeof scorecardLevelsSchema>;
