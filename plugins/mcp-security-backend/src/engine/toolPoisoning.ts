import {
  Finding,
  ToolDefinition,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ToolPoisoningRule } from '../knowledge/schema';

/** Finding ids of poisoning hits start with this, then the rule and the tool. */
export const TOOL_POISONING_FINDING = 'tool-poisoning:';

const SHOWN_CHARS = 120;

/** A text the model reads, and where in the tool list it sits. */
interface ToolText {
  field: string;
  text: string;
}

/** Every `description` and `title` inside a JSON Schema, where parameter-level injections hide. */
function schemaTexts(schema: unknown, path: string): ToolText[] {
  if (Array.isArray(schema)) {
    return schema.flatMap((item, i) => schemaTexts(item, `${path}.${i}`));
  }
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    (key === 'description' || key === 'title') && typeof value === 'string'
      ? [{ field: `${path}.${key}`, text: value }]
      : schemaTexts(value, `${path}.${key}`),
  );
}

function textsOf(tool: ToolDefinition, index: number): ToolText[] {
  const at = `tools.${index}`;
  return [
    { field: `${at}.name`, text: tool.name },
    ...(tool.title ? [{ field: `${at}.title`, text: tool.title }] : []),
    ...(tool.description
      ? [{ field: `${at}.description`, text: tool.description }]
      : []),
    ...schemaTexts(tool.inputSchema, `${at}.inputSchema`),
    ...schemaTexts(tool.outputSchema, `${at}.outputSchema`),
  ];
}

/** The matched text as a reviewer can read it: invisible characters spelled out, long hits cut. */
function shown(text: string): string {
  const visible = text.replace(
    /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/gu,
    c => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
  return visible.length > SHOWN_CHARS
    ? `${visible.slice(0, SHOWN_CHARS)}…`
    : visible;
}

/** What a rule finds in one text, if anything. */
function hitOf(rule: ToolPoisoningRule, text: string): string | undefined {
  if (rule.maxLength !== undefined) {
    return text.length > rule.maxLength
      ? `${text.length} characters (more than ${rule.maxLength})`
      : undefined;
  }
  const match = RegExp(rule.pattern!, 'iu').exec(text);
  return match ? `"${shown(match[0])}"` : undefined;
}

/**
 * Checks a server's tool definitions against the knowledge base's poisoning
 * rules. One finding per rule and tool, at the first text it matches, naming
 * the tool, the rule and the matched text.
 */
export function checkToolDefinitions(
  tools: ToolDefinition[],
  rules: ToolPoisoningRule[],
): Finding[] {
  const findings: Finding[] = [];
  tools.forEach((tool, index) => {
    const texts = textsOf(tool, index);
    for (const rule of rules) {
      for (const { field, text } of texts) {
        const hit = hitOf(rule, text);
        if (hit === undefined) continue;
        findings.push({
          id: `${TOOL_POISONING_FINDING}${rule.id}:${tool.name}`,
          source: 'import',
          severity: rule.severity,
          field,
          target: tool.name,
          message: `Tool "${tool.name}": ${rule.title} (${rule.id}) in ${field}: ${hit}. ${rule.why}`,
        });
        break;
      }
    }
  });
  return findings;
}
