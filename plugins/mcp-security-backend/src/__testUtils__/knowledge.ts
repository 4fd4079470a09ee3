import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knowledge, loadKnowledge } from '../knowledge/loadKnowledge';

export const BUILTIN_KNOWLEDGE_DIR = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'knowledge',
);

let builtin: Promise<Knowledge> | undefined;

/** The real built-in knowledge base, loaded once per test file. */
export function builtinKnowledge(): Promise<Knowledge> {
  builtin ??= loadKnowledge({ builtinDir: BUILTIN_KNOWLEDGE_DIR });
  return builtin;
}
