import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import {
  Assessment,
  McpServerProfile,
  PackageProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** The example MCP servers of the repository: catalog entity and server.json. */
export const EXAMPLES_DIR = resolve(
  __dirname,
  '../../../../examples/mcp-servers',
);

/** A profile with every fact unknown; tests set what they need. */
export function profileOf(
  overrides: Partial<McpServerProfile> = {},
): McpServerProfile {
  return {
    name: 'io.github.example/server',
    deploymentContext: 'unknown',
    exposure: 'unknown',
    dataClassification: 'unknown',
    capabilities: [],
    capabilitiesDeclared: false,
    isolation: 'unknown',
    auth: 'unknown',
    egressAllowlist: [],
    packages: [],
    remotes: [],
    secretsInArguments: [],
    findings: [],
    ...overrides,
  };
}

/** A stdio npm server pinned at `@example/notes@1.2.3`; tests change what they need. */
export function npmProfile(
  pkg: Partial<PackageProfile> = {},
  overrides: Partial<McpServerProfile> = {},
): McpServerProfile {
  return profileOf({
    name: 'io.github.example/notes',
    packages: [
      {
        registryType: 'npm',
        identifier: '@example/notes',
        version: '1.2.3',
        pinned: true,
        transport: 'stdio',
        ...pkg,
      },
    ],
    ...overrides,
  });
}

/**
 * An assessment as the backend would serve it, built by hand: the engine
 * lives in the backend package, which this module must not import.
 */
export function assessmentOf(
  profile: McpServerProfile,
  riskLevel: RiskLevel = 'medium',
  extra: Partial<Assessment> = {},
): Assessment {
  const score = { low: 10, medium: 35, high: 60, critical: 85 }[riskLevel];
  return {
    trust: { tier: 'community', score: 50, signals: [] },
    risk: { level: riskLevel, score, factors: [] },
    findings: [],
    guidanceType: 'community',
    assuranceLevel: 'L2',
    recommendations: [
      {
        controlId: 'run-in-hardened-container',
        title: 'Run the server in a hardened container',
        category: 'runtime-isolation',
        priority: 'P1',
        rationale: '',
        steps: [],
        verification: [],
        references: [],
        mitigates: [],
      },
      {
        controlId: 'review-agent-access',
        title: 'Review which people and agents can use the server',
        category: 'agent-governance',
        priority: 'P3',
        rationale: '',
        steps: [],
        verification: [],
        references: [],
        mitigates: [],
      },
    ],
    maintenancePlan: [
      { taskId: 'review-security-logs', cadence: 'weekly' },
      { taskId: 'review-egress-allowlist', cadence: 'monthly' },
      { taskId: 'rehearse-kill-switch', cadence: 'quarterly' },
    ],
    profile,
    profileHash: 'hash',
    knowledgeVersion: '1',
    engineVersion: '1',
    assessedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const EXACT = /^v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/;

/**
 * An input's value with its `{variables}` filled in, as the backend's
 * profile reads it: nothing of a secret, nothing when a variable has no value.
 */
function resolved(input: any): { value?: string; isSecret: boolean } {
  const text: string | undefined = input.value ?? input.default;
  const names = [...(text ?? '').matchAll(/\{([^{}]+)\}/g)].map(m => m[1]);
  const variables = names.map(n => input.variables?.[n] ?? {});
  const isSecret = !!input.isSecret || variables.some(v => v.isSecret);
  if (isSecret || text === undefined) return { isSecret };
  if (variables.some(v => (v.value ?? v.default) === undefined)) {
    return { isSecret };
  }
  return {
    value: text.replace(/\{([^{}]+)\}/g, (_, n) => {
      const v = input.variables[n];
      return v.value ?? v.default;
    }),
    isSecret,
  };
}

/** The arguments and environment of a server.json package, as the backend's profile has them. */
function packageInputs(p: any): Partial<PackageProfile> {
  const args = (p.packageArguments ?? []).map((a: any) => {
    const { value, isSecret } = resolved(a);
    return {
      type: a.type,
      name: a.name,
      ...(a.value !== undefined ? { value } : { default: value }),
      valueHint: a.valueHint,
      format: a.format,
      isRequired: !!a.isRequired,
      isRepeated: !!a.isRepeated,
      isSecret,
    };
  });
  const dockerEnv = (p.registryType === 'oci' ? p.runtimeArguments ?? [] : [])
    .filter((a: any) => a.type === 'named' && /^(-e|--env)$/.test(a.name))
    .map((a: any) => {
      const [, name, value] = /^([^=]+)(?:=(.*))?$/s.exec(a.value)!;
      return { ...a, name, value };
    });
  const env = [...(p.environmentVariables ?? []), ...dockerEnv].map(
    (e: any) => {
      const { value, isSecret } = resolved(e);
      return {
        name: e.name,
        isSecret,
        isRequired:
          !!e.isRequired ||
          Object.values(e.variables ?? {}).some((v: any) => v.isRequired),
        default: value,
        description: e.description,
      };
    },
  );
  return {
    ...(args.length ? { arguments: args } : {}),
    ...(env.length ? { environmentVariables: env } : {}),
  };
}

/** Packages and remotes of a server.json, as the backend's profile has them. */
export function fromServerJson(serverJson: any): Partial<McpServerProfile> {
  const packages: PackageProfile[] = (serverJson.packages ?? []).map(
    (p: any) => {
      const tag =
        p.registryType === 'oci'
          ? /:([^/:@]+)(@|$)/.exec(p.identifier)?.[1]
          : undefined;
      const version = p.version ?? tag;
      return {
        registryType: p.registryType,
        identifier: p.identifier,
        version,
        pinned:
          p.registryType === 'oci'
            ? /@sha256:/.test(p.identifier) ||
              (!!version && version !== 'latest')
            : !!version && EXACT.test(version),
        runtimeHint: p.runtimeHint,
        transport: p.transport?.type ?? 'stdio',
        ...packageInputs(p),
      };
    },
  );
  return {
    name: serverJson.name,
    registryName: serverJson.name,
    title: serverJson.title,
    packages,
    remotes: (serverJson.remotes ?? []).map((r: any) => ({
      type: r.type,
      url: r.url,
      authHeader: (r.headers ?? []).some((h: any) =>
        /authorization/i.test(h.name),
      ),
    })),
  };
}

/** A stdio launch command such as `npx -y pkg@1.2.3` or `uvx pkg==1.2.3`, for entities without a server.json. */
function fromLaunchCommand(command: string): PackageProfile | undefined {
  const args = command.split(/\s+/);
  if (args[0] === 'npx') {
    const spec = args.find((a, i) => i > 0 && !a.startsWith('-'))!;
    const at = spec.lastIndexOf('@');
    const [identifier, version] =
      at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
    return {
      registryType: 'npm',
      identifier,
      version,
      pinned: !!version && EXACT.test(version),
      transport: 'stdio',
    };
  }
  if (args[0] === 'uvx') {
    const [identifier, version] = args[1].split('==');
    return {
      registryType: 'pypi',
      identifier,
      version,
      pinned: !!version,
      transport: 'stdio',
    };
  }
  return undefined;
}

/** The profile of one example server, from its catalog-info.yaml annotations and its server.json. */
export function exampleProfile(name: string): McpServerProfile {
  const dir = join(EXAMPLES_DIR, name);
  const entity = YAML.parse(
    readFileSync(join(dir, 'catalog-info.yaml'), 'utf8'),
  );
  const a: Record<string, string> = entity.metadata.annotations ?? {};
  const list = (key: string) =>
    a[key] ? a[key].split(',').map(s => s.trim()) : [];
  const serverJsonPath = join(dir, 'server.json');
  const fromJson = existsSync(serverJsonPath)
    ? fromServerJson(JSON.parse(readFileSync(serverJsonPath, 'utf8')))
    : {};
  const remotes = entity.spec.remotes ?? [];
  const launched = remotes
    .filter((r: any) => r.type === 'stdio')
    .map((r: any) => fromLaunchCommand(r.url))
    .filter(Boolean);
  return profileOf({
    name: entity.metadata.name,
    title: entity.metadata.title,
    packages: launched,
    remotes: remotes
      .filter((r: any) => r.type !== 'stdio')
      .map((r: any) => ({ type: r.type, url: r.url, authHeader: false })),
    ...fromJson,
    deploymentContext:
      (a['mcp-security.io/deployment-context'] as any) ?? 'unknown',
    exposure: (a['mcp-security.io/exposure'] as any) ?? 'unknown',
    dataClassification:
      (a['mcp-security.io/data-classification'] as any) ?? 'unknown',
    capabilities: list('mcp-security.io/capabilities') as any,
    capabilitiesDeclared: !!a['mcp-security.io/capabilities'],
    isolation: (a['mcp-security.io/isolation'] as any) ?? 'unknown',
    auth: (a['mcp-security.io/auth'] as any) ?? 'unknown',
    egressAllowlist: list('mcp-security.io/egress-allowlist'),
  });
}

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter(
      d =>
        d.isDirectory() &&
        existsSync(join(EXAMPLES_DIR, d.name, 'catalog-info.yaml')),
    )
    .map(d => d.name)
    .sort();
}
