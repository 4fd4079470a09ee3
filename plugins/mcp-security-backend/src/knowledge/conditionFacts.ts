import {
  assuranceLevelSchema,
  authSchema,
  capabilitySchema,
  dataClassificationSchema,
  deploymentContextSchema,
  exposureSchema,
  guidanceTypeSchema,
  hostingSchema,
  isolationSchema,
  riskLevelSchema,
  trustTierSchema,
  UNKNOWN,
} from '@mcp-server-operator/plugin-mcp-security-common';

type FieldSpec =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values?: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'string' };

const withUnknown = (values: readonly string[]) => [...values, UNKNOWN];

/**
 * Every field a knowledge-base condition may test, with its values. Conditions
 * are validated against this when the knowledge base loads, because the
 * predicate engine silently treats an unknown field or value as "no match".
 */
export const CONDITION_FIELDS = {
  deploymentContext: {
    kind: 'enum',
    values: withUnknown(deploymentContextSchema.options),
  },
  exposure: { kind: 'enum', values: withUnknown(exposureSchema.options) },
  dataClassification: {
    kind: 'enum',
    values: withUnknown(dataClassificationSchema.options),
  },
  isolation: { kind: 'enum', values: withUnknown(isolationSchema.options) },
  auth: { kind: 'enum', values: withUnknown(authSchema.options) },
  capabilities: { kind: 'list', values: capabilitySchema.options },
  capabilitiesDeclared: { kind: 'boolean' },
  /** Which facts the owner has not declared, by their profile name. */
  undeclared: {
    kind: 'list',
    values: [
      'deploymentContext',
      'exposure',
      'dataClassification',
      'capabilities',
      'isolation',
      'auth',
    ],
  },
  trustTier: { kind: 'enum', values: trustTierSchema.options },
  riskLevel: { kind: 'enum', values: riskLevelSchema.options },
  assuranceLevel: { kind: 'enum', values: assuranceLevelSchema.options },
  guidanceType: { kind: 'enum', values: guidanceTypeSchema.options },
  lifecycle: { kind: 'string' },
  transports: { kind: 'list', values: ['stdio', 'streamable-http', 'sse'] },
  registryTypes: {
    kind: 'list',
    values: ['npm', 'pypi', 'oci', 'nuget', 'mcpb'],
  },
  runtimeHints: { kind: 'list' },
  findingSeverities: {
    kind: 'list',
    values: ['info', 'low', 'medium', 'high', 'critical'],
  },
  hasPackages: { kind: 'boolean' },
  hasRemotes: { kind: 'boolean' },
  hasUnpinnedPackages: { kind: 'boolean' },
  hasImageWithoutDigest: { kind: 'boolean' },
  launchedFromRegistry: { kind: 'boolean' },
  hasSecretsInArguments: { kind: 'boolean' },
  hasSecretInputs: { kind: 'boolean' },
  hasPlainHttpRemote: { kind: 'boolean' },
  hasSseRemote: { kind: 'boolean' },
  hasRemoteWithoutAuthHeader: { kind: 'boolean' },
  hasEgressAllowlist: { kind: 'boolean' },
  hasSourceRepository: { kind: 'boolean' },
  hasRegistryName: { kind: 'boolean' },
  trustOverridden: { kind: 'boolean' },
  // What the engine judged about provenance (engine/provenance.ts).
  hosting: { kind: 'enum', values: withUnknown(hostingSchema.options) },
  publisherVerification: { kind: 'enum', values: ['domain', 'github', 'none'] },
  hasPublisherMismatch: { kind: 'boolean' },
  hasLookalike: { kind: 'boolean' },
  hasKnownMaliciousPackage: { kind: 'boolean' },
  releaseSignals: {
    kind: 'list',
    values: [
      'pre-release',
      'template-version',
      'floating-tag',
      'version-differs',
      'sse-only',
      'unmarked-secret-argument',
      'binds-all-interfaces',
      'registry-deprecated',
      'registry-deleted',
    ],
  },
  /** A package it runs matches a malicious-package advisory. */
  hasMaliciousPackage: { kind: 'boolean' },
  /** A package it runs matches a vulnerability advisory, certainly or if its unpinned version resolves to it. */
  hasKnownVulnerability: { kind: 'boolean' },
  /** Severities of the open findings imported from scanners and audits. */
  importedFindingSeverities: {
    kind: 'list',
    values: ['info', 'low', 'medium', 'high', 'critical'],
  },
} as const satisfies Record<string, FieldSpec>;

/** The condition fields judged from provenance rather than read from the profile. */
export type ProvenanceField =
  | 'hosting'
  | 'publisherVerification'
  | 'hasPublisherMismatch'
  | 'hasLookalike'
  | 'hasKnownMaliciousPackage'
  | 'releaseSignals';

export type ConditionField = keyof typeof CONDITION_FIELDS;

/** The object every knowledge-base condition is evaluated against. */
export type ConditionFacts = {
  [K in ConditionField]: (typeof CONDITION_FIELDS)[K] extends { kind: 'list' }
    ? string[]
    : (typeof CONDITION_FIELDS)[K] extends { kind: 'boolean' }
    ? boolean
    : string;
};

export function fieldSpec(field: string): FieldSpec | undefined {
  return (CONDITION_FIELDS as Record<string, FieldSpec>)[field];
}
