import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServerJsonSource } from '../reading/ServerJsonReader';

export const FIXTURES_DIR = resolvePackagePath(
  '@mcp-server-operator/plugin-mcp-security-backend',
  'src/__fixtures__',
);

/** One of the real server.json files copied from public MCP server repositories. */
export function fixtureSource(
  name: 'filesystem' | 'terraform' | 'neon' | 'apify',
): ServerJsonSource {
  const target = join(FIXTURES_DIR, `${name}.json`);
  return { status: 'read', target, text: readFileSync(target, 'utf8') };
}

export function mcpServerEntity(
  options: {
    name?: string;
    annotations?: Record<string, string>;
    remotes?: { type: string; url: string }[];
    lifecycle?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: options.name ?? 'server',
      namespace: 'default',
      annotations: options.annotations ?? {},
    },
    spec: {
      type: 'mcp-server',
      lifecycle: options.lifecycle ?? 'production',
      owner: 'team-a',
      remotes: options.remotes ?? [],
    },
  };
}
