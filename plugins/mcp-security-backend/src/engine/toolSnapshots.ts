import {
  Finding,
  McpServerProfile,
  RiskFactor,
  ToolChange,
  ToolDefinition,
  ToolDiff,
  UnreviewedToolChange,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { createHash } from 'node:crypto';
import { RiskModel } from '../knowledge/schema';
import { canonicalJson } from './profileHash';

/** The parts of a tool that change what the model is told; anything else (`_meta`, icons) is left out. */
const PARTS = [
  'title',
  'description',
  'inputSchema',
  'outputSchema',
  'annotations',
] as const;

/** A tool reduced to what the model reads, sorted by name in a list. */
export function normaliseTools(tools: ToolDefinition[]): ToolDefinition[] {
  return (
    [...tools]
      // By code unit, not locale: the order must be the same on every machine.
      .sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name))
      .map(tool => {
        const normal: ToolDefinition = {
          name: tool.name,
          inputSchema: tool.inputSchema,
        };
        for (const part of PARTS) {
          if (tool[part] !== undefined) {
            (normal as Record<string, unknown>)[part] = tool[part];
          }
        }
        return normal;
      })
  );
}

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** The hash of a tool list: equal for lists that differ only in order, key order or extra metadata. */
export function toolListHash(tools: ToolDefinition[]): string {
  return sha256(canonicalJson(normaliseTools(tools)));
}

/** Tools added, removed and changed (by part) from `before` to `after`, by name. */
export function diffTools(
  before: ToolDefinition[],
  after: ToolDefinition[],
): ToolDiff {
  const old = new Map(normaliseTools(before).map(t => [t.name, t]));
  const now = new Map(normaliseTools(after).map(t => [t.name, t]));
  const changed: ToolChange[] = [];
  for (const [name, tool] of now) {
    const was = old.get(name);
    if (!was) continue;
    const parts = PARTS.filter(
      part => canonicalJson(was[part]) !== canonicalJson(tool[part]),
    );
    if (parts.length > 0)
      changed.push({ name, parts, before: was, after: tool });
  }
  return {
    added: [...now.values()].filter(t => !old.has(t.name)),
    removed: [...old.values()].filter(t => !now.has(t.name)),
    changed,
  };
}

/** The tool names of a diff, as the profile carries them. */
export function unreviewedToolChange(
  baselineHash: string,
  snapshotHash: string,
  diff: ToolDiff,
): UnreviewedToolChange {
  return {
    baselineHash,
    snapshotHash,
    added: diff.added.map(t => t.name),
    removed: diff.removed.map(t => t.name),
    changed: diff.changed.map(c => c.name),
  };
}

/** A diff as a reviewer reads it in a change request: each tool, what changed, before and after. */
export function describeDiff(diff: ToolDiff): string {
  const lines: string[] = [];
  for (const tool of diff.added) {
    lines.push(
      `Added tool "${tool.name}": ${tool.description ?? '(no description)'}`,
    );
  }
  for (const tool of diff.removed) {
    lines.push(`Removed tool "${tool.name}"`);
  }
  for (const change of diff.changed) {
    lines.push(`Changed tool "${change.name}" (${change.parts.join(', ')}):`);
    for (const part of change.parts as (typeof PARTS)[number][]) {
      lines.push(
        `  ${part} before: ${canonicalJson(change.before[part]) ?? '(none)'}`,
      );
      lines.push(
        `  ${part} after:  ${canonicalJson(change.after[part]) ?? '(none)'}`,
      );
    }
  }
  return lines.join('\n');
}

/** The risk factor of a tool change that waits for review. */
export function toolChangeFactor(
  change: UnreviewedToolChange,
  model: RiskModel,
): RiskFactor {
  const parts = [
    change.added.length > 0 ? `added ${change.added.join(', ')}` : '',
    change.removed.length > 0 ? `removed ${change.removed.join(', ')}` : '',
    change.changed.length > 0 ? `changed ${change.changed.join(', ')}` : '',
  ].filter(Boolean);
  return {
    id: 'unreviewed-tool-change',
    dimension: 'likelihood',
    points: model.toolDefinitions.unreviewedChange,
    reason: `Unreviewed tool-definition change: the server's tools differ from the approved baseline (${parts.join(
      '; ',
    )}); agents follow them before anyone reviewed them. Review the tool-definition-change request.`,
  };
}

/** What a server's tool snapshots add to its profile. */
export interface ToolFacts {
  /** Poisoning findings in the latest snapshot. */
  findings: Finding[];
  unreviewedToolChange?: UnreviewedToolChange;
}

/** The profile with the facts of the server's tool snapshots, unchanged when there are none. */
export function withToolFacts(
  profile: McpServerProfile,
  facts: ToolFacts | undefined,
): McpServerProfile {
  if (!facts) return profile;
  return {
    ...profile,
    findings: [...profile.findings, ...facts.findings],
    ...(facts.unreviewedToolChange
      ? { unreviewedToolChange: facts.unreviewedToolChange }
      : {}),
  };
}
