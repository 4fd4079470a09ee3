import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { Assessment } from '@mcp-server-operator/plugin-mcp-security-common';
import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** An MCP server reference as agents write it: kind defaults to API and namespace to default. */
export function parseServerRef(entityRef: string) {
  try {
    return parseEntityRef(entityRef, { defaultKind: 'api' });
  } catch (error) {
    throw new InputError(
      `entityRef "${entityRef}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
}

export const entityRefInput = (z: Z) =>
  z
    .string()
    .describe(
      'Catalog entity reference of the MCP server, e.g. "api:default/filesystem" or just "filesystem"',
    );

/** The output fields every assessing tool shares, written with the registry's zod. */
export const assessmentOutputShape = (z: Z) => ({
  trust: z.object({
    tier: z.string(),
    score: z.number(),
    signals: z.array(
      z.object({ id: z.string(), points: z.number(), reason: z.string() }),
    ),
  }),
  risk: z.object({
    level: z.string(),
    score: z.number(),
    factors: z.array(
      z.object({
        id: z.string(),
        dimension: z.string(),
        points: z.number(),
        reason: z.string(),
      }),
    ),
  }),
  findings: z.array(
    z.object({
      severity: z.string(),
      field: z.string(),
      target: z.string().optional(),
      message: z.string(),
    }),
  ),
  advisories: z
    .array(
      z.object({
        advisoryId: z.string(),
        malicious: z.boolean(),
        summary: z.string(),
        package: z.string(),
        version: z.string().optional(),
        affectedRange: z.string(),
        fixedVersion: z.string().optional(),
        certainty: z.string(),
        url: z.string().optional(),
      }),
    )
    .describe(
      'Published advisories matching the packages it runs; a malicious one means: do not install or run it',
    ),
});

export function assessmentOutput(assessment: Assessment) {
  return {
    trust: assessment.trust,
    risk: assessment.risk,
    findings: assessment.findings.map(f => ({
      severity: f.severity,
      field: f.field,
      target: f.target,
      message: f.message,
    })),
    advisories: (assessment.profile.advisories ?? []).map(a => ({
      advisoryId: a.advisoryId,
      malicious: a.malicious,
      summary: a.summary,
      package: a.package.name,
      version: a.package.version,
      affectedRange: a.affectedRange,
      fixedVersion: a.fixedVersion,
      certainty: a.certainty,
      url: a.url,
    })),
  };
}
