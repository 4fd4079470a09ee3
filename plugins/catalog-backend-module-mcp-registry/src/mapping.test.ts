import {
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import {
  assignEntityNames,
  parseRegistryEntry,
  sanitiseName,
  toEntity,
} from './mapping';
import { fixtureEntries, withStatus } from './__testUtils__/registryServer';

const options = {
  providerId: 'official',
  baseUrl: 'https://registry.example.com',
  owner: 'group:default/platform-team',
};

const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

function parse(raw: unknown) {
  const parsed = parseRegistryEntry(raw, 'servers[0]');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.entry;
}

describe('registry entry mapping', () => {
  it('maps every entry of the real sample to an entity the catalog accepts', async () => {
    const entries = fixtureEntries().map(parse);
    const names = assignEntityNames(entries.map(e => e.server.name));
    expect(new Set(names.values()).size).toBe(entries.length);
    for (const entry of entries) {
      const entity = toEntity(entry, names.get(entry.server.name)!, options);
      await expect(policies.enforce(entity)).resolves.toBe(entity);
      await expect(mcpServerApiEntityValidator.check(entity)).resolves.toBe(
        true,
      );
    }
  });

  it('carries the registry facts and the version URL of an active server', () => {
    const raw = fixtureEntries().find(
      e => e.server.name === 'io.github.grafana/mcp-grafana',
    );
    const entity = toEntity(
      parse(raw),
      'io.github.grafana-mcp-grafana',
      options,
    );
    expect(entity.metadata).toMatchObject({
      name: 'io.github.grafana-mcp-grafana',
      namespace: 'official',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://registry.example.com/v0.1/servers',
        'backstage.io/managed-by-origin-location':
          'url:https://registry.example.com/v0.1/servers',
        'mcp-security.io/registry-name': 'io.github.grafana/mcp-grafana',
        'mcp-security.io/registry-url': 'https://registry.example.com',
        'mcp-security.io/registry-status': 'active',
        'mcp-security.io/server-json': `https://registry.example.com/v0.1/servers/io.github.grafana%2Fmcp-grafana/versions/${raw.server.version}`,
      },
      links: [{ url: raw.server.repository.url, title: 'Repository' }],
    });
    expect(entity.spec).toMatchObject({
      type: 'mcp-server',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    });
  });

  it('turns packages into pinned launch commands', () => {
    const entries = fixtureEntries().map(parse);
    const remotesOf = (name: string) =>
      toEntity(entries.find(e => e.server.name === name)!, 'x', options).spec
        ?.remotes;
    expect(remotesOf('ai.aliengiraffe/spotdb')).toEqual([
      {
        type: 'stdio',
        url: 'docker run -i --rm docker.io/aliengiraffe/spotdb:0.1.0',
      },
    ]);
    const npm = entries.find(e =>
      e.server.packages?.some(p => p.registryType === 'npm' && p.version),
    )!;
    const pkg = npm.server.packages!.find(p => p.registryType === 'npm')!;
    expect(remotesOf(npm.server.name)).toContainEqual({
      type: 'stdio',
      url: `npx -y ${pkg.identifier}@${pkg.version}`,
    });
  });

  it('marks deprecated and deleted entries with their status and message', () => {
    const [first] = fixtureEntries();
    const deprecated = toEntity(
      parse(withStatus(first, 'deprecated', 'Use io.example/next')),
      'x',
      options,
    );
    expect(deprecated.spec?.lifecycle).toBe('deprecated');
    expect(deprecated.metadata.annotations).toMatchObject({
      'mcp-security.io/registry-status': 'deprecated',
      'mcp-security.io/registry-status-message': 'Use io.example/next',
    });
    const deleted = toEntity(
      parse(withStatus(first, 'deleted', 'Removed for malware')),
      'x',
      options,
    );
    expect(deleted.spec?.lifecycle).toBe('deprecated');
    expect(deleted.metadata.annotations).toMatchObject({
      'mcp-security.io/registry-status': 'deleted',
      'mcp-security.io/registry-status-message': 'Removed for malware',
    });
  });

  it('names the entry and the JSON path of a malformed field', () => {
    const [first] = fixtureEntries();
    const bad = { ...first, server: { ...first.server, version: 42 } };
    expect(parseRegistryEntry(bad, 'servers[7]')).toEqual({
      ok: false,
      reason: expect.stringContaining(
        'ai.aliengiraffe/spotdb (servers[7]): servers[7].server.version:',
      ),
    });
    const empty = { ...first, server: { ...first.server, packages: [] } };
    expect(parseRegistryEntry(empty, 'servers[1]')).toEqual({
      ok: false,
      reason: expect.stringContaining('lists neither packages nor remotes'),
    });
  });

  it('gives colliding names stable, distinct suffixes', () => {
    expect(sanitiseName('io.github.acme/server')).toBe('io.github.acme-server');
    const names = assignEntityNames([
      'io.github.acme/server',
      'io.github.acme-server',
      'io.github.other/tool',
    ]);
    const reversed = assignEntityNames([
      'io.github.other/tool',
      'io.github.acme-server',
      'io.github.acme/server',
    ]);
    expect(names).toEqual(reversed);
    expect(names.get('io.github.other/tool')).toBe('io.github.other-tool');
    const a = names.get('io.github.acme/server')!;
    const b = names.get('io.github.acme-server')!;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^io\.github\.acme-server-[0-9a-f]{8}$/);
    expect(b).toMatch(/^io\.github\.acme-server-[0-9a-f]{8}$/);
  });

  it('keeps long names within the catalog limit', () => {
    const long = `com.example/${'x'.repeat(80)}`;
    const name = sanitiseName(long);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[A-Za-z0-9]([-_.]?[A-Za-z0-9])*$/);
  });
});
