import { Entity } from '@backstage/catalog-model';
import {
  authSchema,
  Capability,
  capabilitySchema,
  dataClassificationSchema,
  deploymentContextSchema,
  exposureSchema,
  Finding,
  hostingSchema,
  isolationSchema,
  MCP_SECURITY_ANNOTATIONS,
  McpServerProfile,
  RHDH_REGISTRY_NAME_ANNOTATION,
  trustTierSchema,
  UNKNOWN,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { z } from 'zod';

/** The profile facts an owner declares through annotations. */
export type DeclaredFacts = Pick<
  McpServerProfile,
  | 'deploymentContext'
  | 'exposure'
  | 'dataClassification'
  | 'capabilities'
  | 'capabilitiesDeclared'
  | 'isolation'
  | 'auth'
  | 'egressAllowlist'
  | 'trustOverride'
  | 'registryName'
  | 'hosting'
>;

function invalidValue(key: string, value: string, allowed: readonly string[]) {
  return {
    id: `annotation-invalid:${key}`,
    source: 'annotation',
    severity: 'medium',
    field: key,
    message: `"${value}" is not a valid value; expected one of ${allowed.join(
      ', ',
    )}. The fact is treated as unknown.`,
  } satisfies Finding;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

/**
 * Reads the `mcp-security.io/` annotations. A value outside its vocabulary is
 * not guessed at: the fact stays unknown and a finding names the annotation.
 */
export function parseAnnotations(entity: Entity): {
  facts: DeclaredFacts;
  findings: Finding[];
} {
  const annotations = entity.metadata.annotations ?? {};
  const findings: Finding[] = [];

  function enumFact<T extends string>(
    key: string,
    schema: z.ZodEnum<{ [K in T]: K }>,
  ): T | typeof UNKNOWN {
    const raw = annotations[key];
    if (raw === undefined) return UNKNOWN;
    const value = raw.trim().toLocaleLowerCase('en-US');
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as T;
    findings.push(invalidValue(key, raw, schema.options));
    return UNKNOWN;
  }

  const capabilities: Capability[] = [];
  const rawCapabilities = annotations[MCP_SECURITY_ANNOTATIONS.capabilities];
  for (const item of splitList(rawCapabilities ?? '')) {
    const parsed = capabilitySchema.safeParse(item.toLocaleLowerCase('en-US'));
    if (parsed.success) {
      if (!capabilities.includes(parsed.data)) capabilities.push(parsed.data);
    } else {
      findings.push({
        ...invalidValue(
          MCP_SECURITY_ANNOTATIONS.capabilities,
          item,
          capabilitySchema.options,
        ),
        id: `annotation-invalid:${MCP_SECURITY_ANNOTATIONS.capabilities}:${item}`,
        message: `"${item}" is not a known capability; expected items from ${capabilitySchema.options.join(
          ', ',
        )}. It is ignored.`,
      });
    }
  }

  let trustOverride: DeclaredFacts['trustOverride'];
  const overrideKey = MCP_SECURITY_ANNOTATIONS.trustOverride;
  if (annotations[overrideKey] !== undefined) {
    const tier = enumFact(overrideKey, trustTierSchema);
    const reason =
      annotations[MCP_SECURITY_ANNOTATIONS.trustOverrideReason]?.trim() ?? '';
    if (tier !== UNKNOWN && reason) {
      trustOverride = { tier, reason };
    } else if (tier !== UNKNOWN) {
      findings.push({
        id: `annotation-missing:${MCP_SECURITY_ANNOTATIONS.trustOverrideReason}`,
        source: 'annotation',
        severity: 'medium',
        field: MCP_SECURITY_ANNOTATIONS.trustOverrideReason,
        message: `${overrideKey} needs a reason in ${MCP_SECURITY_ANNOTATIONS.trustOverrideReason}; the override is ignored.`,
      });
    }
  }

  // Entities of RHDH's registry provider name their server under its own key.
  const registryName =
    annotations[MCP_SECURITY_ANNOTATIONS.registryName]?.trim() ||
    annotations[RHDH_REGISTRY_NAME_ANNOTATION]?.trim() ||
    undefined;

  const hosting = enumFact(MCP_SECURITY_ANNOTATIONS.hosting, hostingSchema);

  return {
    facts: {
      deploymentContext: enumFact(
        MCP_SECURITY_ANNOTATIONS.deploymentContext,
        deploymentContextSchema,
      ),
      exposure: enumFact(MCP_SECURITY_ANNOTATIONS.exposure, exposureSchema),
      dataClassification: enumFact(
        MCP_SECURITY_ANNOTATIONS.dataClassification,
        dataClassificationSchema,
      ),
      capabilities,
      capabilitiesDeclared: rawCapabilities !== undefined,
      isolation: enumFact(MCP_SECURITY_ANNOTATIONS.isolation, isolationSchema),
      auth: enumFact(MCP_SECURITY_ANNOTATIONS.auth, authSchema),
      egressAllowlist: splitList(
        annotations[MCP_SECURITY_ANNOTATIONS.egressAllowlist] ?? '',
      ),
      trustOverride,
      registryName,
      ...(hosting === UNKNOWN ? {} : { hosting }),
    },
    findings,
  };
}
