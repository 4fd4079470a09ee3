import { Document } from 'yaml';
import type { DeploymentPlan } from './plan';

/** One file of a rendered deployment, with its path relative to the target folder. */
export interface RenderedFile {
  path: string;
  content: string;
}

/** Line breaks, line and paragraph separators and every other control character. */
export const LINE_BREAKING = /[\r\n\u2028\u2029\p{Cc}]/u;
const LINE_BREAKING_ALL = new RegExp(LINE_BREAKING.source, 'gu');

/**
 * Text from a profile (a server.json or a catalog entity, so from anyone)
 * made safe to place in one line of a rendered file, a comment included:
 * each control character and line separator becomes a space, so the text
 * cannot end the line and start a directive of its own.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING_ALL, ' ');
}

/** Text from a profile as a Markdown code span, on one line, whatever backticks it holds. */
export function inlineCode(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(
    0,
    ...[...line.matchAll(/`+/g)].map(m => m[0].length),
  );
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || line.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A comment line of a file whose comments start with `#` (Dockerfile, squid.conf), kept on its line. */
export function hashComment(line: string): string {
  return `# ${oneLine(line)}`;
}

/** The first lines of every rendered file: what it is for and what it was derived from. */
export function provenance(plan: DeploymentPlan): string[] {
  return [
    `Rendered by MCP Security for ${plan.title} (${plan.serverName})${
      plan.entityRef ? `, ${plan.entityRef}` : ''
    }`,
    `from its assessment of ${plan.assessedAt}: risk ${plan.riskLevel} (${plan.riskScore}), trust ${plan.trustTier}, target assurance ${plan.assuranceLevel}.`,
    'See RUNBOOK.md beside this file before deploying it.',
  ].map(oneLine);
}

/** Serialises YAML documents, each with its own leading comment, into one multi-document file. */
export function yamlDocuments(
  documents: { value: unknown; comment?: string[] }[],
): string {
  return documents
    .map(({ value, comment }) => {
      const doc = new Document(value, { aliasDuplicateObjects: false });
      if (comment?.length) {
        doc.commentBefore = comment.map(line => ` ${oneLine(line)}`).join('\n');
      }
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
