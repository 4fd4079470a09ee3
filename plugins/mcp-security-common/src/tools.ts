import { z } from 'zod';

/** A JSON Schema object as a server declares it; kept as given, only its size is bounded. */
const jsonSchemaObject = z.record(z.string(), z.unknown());

/** One tool of an MCP `tools/list` result (MCP specification, `Tool`). */
export const toolDefinitionSchema = z
  .object({
    name: z.string().min(1).max(200),
    title: z.string().max(500).optional(),
    description: z.string().max(100_000).optional(),
    inputSchema: jsonSchemaObject,
    outputSchema: jsonSchemaObject.optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
  })
  // Servers add `_meta`, icons and the like; they do not change what the model reads.
  .loose();
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/**
 * Body of `POST …/tool-snapshots`: a server's `tools/list` result. Tool names
 * must be unique, as the specification requires, so a diff can match them.
 */
export const toolListSchema = z
  .object({
    tools: z.array(toolDefinitionSchema).max(100),
    nextCursor: z.string().optional(),
    _meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.tools.forEach((tool, index) => {
      if (seen.has(tool.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tools', index, 'name'],
          message: `"${tool.name}" is listed twice`,
        });
      }
      seen.add(tool.name);
    });
  });
export type ToolList = z.infer<typeof toolListSchema>;

/** What changed in one tool between two snapshots, by part. */
export interface ToolChange {
  name: string;
  /** The parts that differ: `title`, `description`, `inputSchema`, `outputSchema`, `annotations`. */
  parts: string[];
  before: ToolDefinition;
  after: ToolDefinition;
}

/** How a snapshot differs from the server's baseline. */
export interface ToolDiff {
  added: ToolDefinition[];
  removed: ToolDefinition[];
  changed: ToolChange[];
}

/** A stored snapshot of a server's tools. */
export interface ToolSnapshot {
  id: string;
  entityRef: string;
  /** sha256 of the normalised tool list: equal lists hash equally whatever their order or key order. */
  hash: string;
  tools: ToolDefinition[];
  importedBy: string;
  importedAt: string;
}

/** The answer to a snapshot import. */
export interface ToolSnapshotImport {
  snapshot: Omit<ToolSnapshot, 'tools'>;
  /**
   * `baseline`: the server's first snapshot, now its baseline; `unchanged`: equal
   * to the baseline; `drift`: differs from the baseline and waits for review.
   */
  status: 'baseline' | 'unchanged' | 'drift';
  diff?: ToolDiff;
  /** The `tool-definition-change` request reviewing the drift. */
  changeId?: string;
}
