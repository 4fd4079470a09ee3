import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// These cross-package tests start the real backend plugin, as a backend would.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mcpSecurityPlugin from '@mcp-server-operator/plugin-mcp-security-backend';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './harness/backend';

const examples = join(repoRoot, 'examples');

/** Every entity of the example catalog, with the location the catalog would stamp on it. */
function loadExamples(): Entity[] {
  const files = [
    join(examples, 'org.yaml'),
    join(examples, 'systems.yaml'),
    ...readdirSync(join(examples, 'mcp-servers')).map(dir =>
      join(examples, 'mcp-servers', dir, 'catalog-info.yaml'),
    ),
  ];
  return files.flatMap(file =>
    parseAllDocuments(readFileSync(file, 'utf8')).map(doc => {
      expect(doc.errors).toEqual([]);
      const entity = doc.toJS() as Entity;
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
      };
      return entity;
    }),
  );
}

const entities = loadExamples();
const mcpServers = entities.filter(
  e => e.kind === 'API' && e.spec?.type === 'mcp-server',
);

// The validators the catalog applies to these kinds, with the ai-model module
// routing `mcp-server` APIs to their own schema.
const validators: Record<string, KindValidator> = {
  User: userEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  API: mcpServerApiEntityValidator,
};
const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

describe('the example catalog', () => {
  it('has an organisation with a security team, three product teams and at least eight MCP servers', () => {
    const groups = entities
      .filter(e => e.kind === 'Group')
      .map(e => e.metadata.name);
    expect(groups).toContain('security-team');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    expect(mcpServers.length).toBeGreaterThanOrEqual(8);
  });

  it.each(entities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s passes the catalog validators',
    async (_ref, entity) => {
      await expect(
        policies.enforce(structuredClone(entity)),
      ).resolves.toBeDefined();
      await expect(
        validators[entity.kind].check(structuredClone(entity)),
      ).resolves.toBe(true);
    },
  );

  it('refers only to entities that exist', () => {
    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    for (const entity of entities) {
      const refs: [string, string][] = [
        ...[entity.spec?.owner]
          .filter(Boolean)
          .map(r => [r as string, 'group'] as [string, string]),
        ...[entity.spec?.system]
          .filter(Boolean)
          .map(r => [r as string, 'system'] as [string, string]),
        ...((entity.spec?.memberOf as string[]) ?? []).map(
          r => [r, 'group'] as [string, string],
        ),
      ];
      for (const [ref, defaultKind] of refs) {
        expect(known).toContain(
          stringifyEntityRef(parseEntityRef(ref, { defaultKind })),
        );
      }
    }
  });
});

describe('assessments of the example MCP servers', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [mcpSecurityPlugin, catalogServiceMock.factory({ entities })],
    }));
  });

  const withServerJson = mcpServers.filter(
    e => e.metadata.annotations?.['mcp-security.io/server-json'],
  );

  it.each(mcpServers.map(e => [e.metadata.name] as const))(
    '%s gets an assessment with reasons and no read problems',
    async name => {
      const response = await request(server).get(
        `/api/mcp-security/entities/api/default/${name}/assessment`,
      );
      expect(response.status).toBe(200);
      expect(response.body.risk.factors.length).toBeGreaterThan(0);
      expect(response.body.trust.signals.length).toBeGreaterThan(0);
      const unreadable = response.body.findings.filter((f: { id: string }) =>
        f.id.startsWith('server-json'),
      );
      expect(unreadable).toEqual([]);
    },
  );

  it.each(withServerJson.map(e => [e.metadata.name] as const))(
    '%s has its published server.json read into the profile',
    async name => {
      const response = await request(server).get(
        `/api/mcp-security/entities/api/default/${name}/assessment`,
      );
      expect(response.body.profile.registryName).toMatch(
        /^[a-z0-9.-]+\/[a-z0-9._-]+$/i,
      );
    },
  );

  // What a security engineer expects of each example, and why.
  it.each([
    // production, filesystem-write, npx, unisolated: contain it and limit its mounts
    [
      'filesystem',
      'high',
      [
        'restrict-filesystem-mounts',
        'run-in-hardened-container',
        'install-from-reviewed-artefact',
      ],
    ],
    // regulated payments over restricted data, fetched by npx at each launch: even the
    // vendor's own package is critical until a human approves payments, with limits
    [
      'stripe',
      'critical',
      ['require-human-approval-for-payments', 'enforce-spending-limits'],
    ],
    // regulated database writes by a community server
    ['supabase', 'critical', ['require-approval-for-destructive-tools']],
    // deprecated, unknown publisher: retire it
    ['slack', 'high', ['retire-deprecated-server', 'vet-the-publisher']],
    // a token on the docker command line
    ['terraform', 'high', ['move-secrets-out-of-arguments']],
  ] as const)(
    '%s is %s risk with the expected P1 recommendations',
    async (name, level, p1) => {
      const { body } = await request(server).get(
        `/api/mcp-security/entities/api/default/${name}/assessment`,
      );
      expect(body.risk.level).toBe(level);
      const firstPriority = body.recommendations
        .filter((r: { priority: string }) => r.priority === 'P1')
        .map((r: { controlId: string }) => r.controlId);
      expect(firstPriority).toEqual(expect.arrayContaining([...p1]));
    },
  );

  it('rates the read-only OAuth remote used in development as low risk with little to do', async () => {
    const { body } = await request(server).get(
      '/api/mcp-security/entities/api/default/hugging-face/assessment',
    );
    expect(body.risk.level).toBe('low');
    expect(body.guidanceType).toBe('development');
    expect(body.recommendations.length).toBeLessThanOrEqual(3);
    expect(
      body.recommendations.every(
        (r: { priority: string }) => r.priority !== 'P1',
      ),
    ).toBe(true);
  });

  it('scores every example team with figures counted by hand from the examples', async () => {
    // Every server was assessed by the tests above; count the same things from the answers.
    const expected = new Map<
      string,
      { servers: number; risk: Record<string, number> }
    >();
    for (const entity of mcpServers) {
      const owner = stringifyEntityRef(
        parseEntityRef(entity.spec!.owner as string, { defaultKind: 'group' }),
      );
      const { body } = await request(server).get(
        `/api/mcp-security/entities/api/default/${entity.metadata.name}/assessment`,
      );
      const team = expected.get(owner) ?? {
        servers: 0,
        risk: { low: 0, medium: 0, high: 0, critical: 0 },
      };
      team.servers += 1;
      team.risk[body.risk.level] += 1;
      expected.set(owner, team);
    }
    const response = await request(server).get(
      '/api/mcp-security/scorecards?groupBy=owner',
    );
    expect(response.status).toBe(200);
    const teams = [...expected.keys()].sort();
    expect(
      response.body.items.map((r: { groupRef: string }) => r.groupRef),
    ).toEqual(teams);
    for (const row of response.body.items) {
      expect({
        team: row.groupRef,
        servers: row.servers,
        risk: row.risk,
      }).toEqual({
        team: row.groupRef,
        ...expected.get(row.groupRef),
      });
      expect(row.coverage).toBe(1);
    }
    const csv = await request(server).get(
      '/api/mcp-security/scorecards.csv?groupBy=owner',
    );
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(teams.length + 1);
    expect(lines[1].split(',').slice(0, 3)).toEqual([
      response.body.items[0].groupRef,
      response.body.items[0].level?.title ?? '',
      String(response.body.items[0].servers),
    ]);
  });
});
