import { z } from 'zod';

/**
 * The parts of an OSV record (schema 1.x, as published by OSV.dev,
 * ossf/malicious-packages and GitHub's advisory database) that matching
 * needs. Unknown fields are allowed: newer schema versions add fields.
 */
// Each event has exactly one key, as the OSV schema requires.
const eventSchema = z.union([
  z.strictObject({ introduced: z.string().min(1) }),
  z.strictObject({ fixed: z.string().min(1) }),
  z.strictObject({ last_affected: z.string().min(1) }),
  z.strictObject({ limit: z.string().min(1) }),
]);

const rangeSchema = z.object({
  type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
  repo: z.string().optional(),
  events: z.array(eventSchema).min(1),
});

const affectedSchema = z.object({
  package: z
    .object({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      purl: z.string().optional(),
    })
    .optional(),
  ranges: z.array(rangeSchema).optional(),
  versions: z.array(z.string()).optional(),
});

export const osvRecordSchema = z.object({
  schema_version: z.string().optional(),
  id: z.string().regex(/^[A-Za-z0-9]+-[A-Za-z0-9._:-]+$/),
  modified: z.string().min(1),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z
    .array(
      z.object({ type: z.string(), score: z.union([z.string(), z.number()]) }),
    )
    .optional(),
  affected: z.array(affectedSchema).optional(),
  references: z
    .array(z.object({ type: z.string(), url: z.string() }))
    .optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvRange = z.infer<typeof rangeSchema>;
export type OsvAffected = z.infer<typeof affectedSchema>;
