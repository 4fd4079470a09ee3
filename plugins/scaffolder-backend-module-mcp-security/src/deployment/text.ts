import { Document } from 'yaml';
import { DeploymentPlan } from './plan';

/** One file of a rendered deployment, with its path relative to the target folder. */
export interface RenderedFile {
  path: string;
  content: string;
}

/** The first lines of every rendered file: what it is for and what it was derived from. */
export function provenance(plan: DeploymentPlan): string[] {
  return [
    `Rendered by MCP Security for ${plan.title} (${plan.serverName})${
      plan.entityRef ? `, ${plan.entityRef}` : ''
    }`,
    `from its assessment of ${plan.assessedAt}: risk ${plan.riskLevel} (${plan.riskScore}), trust ${plan.trustTier}, target assurance ${plan.assuranceLevel}.`,
    'See RUNBOOK.md beside this file before deploying it.',
  ];
}

/** Serialises YAML documents, each with its own leading comment, into one multi-document file. */
export function yamlDocuments(
  documents: { value: unknown; comment?: string[] }[],
): string {
  return documents
    .map(({ value, comment }) => {
      const doc = new Document(value, { aliasDuplicateObjects: false });
      if (comment?.length) {
        doc.commentBefore = comment.map(line => ` ${line}`).join('\n');
      }
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
