import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  Assessment,
  AssessmentView,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentOf,
  exampleProfile,
  profileOf,
} from '../__testUtils__/assessments';
import { kubernetesValidationErrors } from '../deployment/validation/kubernetesModels';
import { createRenderDeploymentAction } from './renderDeployment';

// The real validation, which one test makes fail to see that nothing is written.
jest.mock('../deployment/validation/kubernetesModels', () => {
  const actual = jest.requireActual(
    '../deployment/validation/kubernetesModels',
  );
  return {
    ...actual,
    kubernetesValidationErrors: jest.fn(actual.kubernetesValidationErrors),
  };
});

const terraformView = (): AssessmentView => {
  const assessment = assessmentOf(
    {
      ...exampleProfile('terraform'),
      packages: exampleProfile('terraform').packages.map(p => ({
        ...p,
        transport: 'streamable-http',
      })),
    },
    'high',
    { entityRef: 'api:default/terraform' },
  );
  return {
    ...assessment,
    recommendations: assessment.recommendations.map(r => ({
      ...r,
      status: 'open',
    })),
    residualRisk: { level: 'high', score: 60, reductions: [] },
  };
};

function setup(options: { view?: AssessmentView; advised?: Assessment } = {}) {
  const client = {
    getAssessment: jest.fn(async () => options.view ?? terraformView()),
    advise: jest.fn(
      async () =>
        options.advised ?? assessmentOf(exampleProfile('fetch'), 'low'),
    ),
  };
  const action = createRenderDeploymentAction({ client });
  const workspace = createMockDirectory();
  const context = (input: Record<string, any>, extra: object = {}) =>
    createMockActionContext({ input, workspacePath: workspace.path, ...extra });
  return { client, action, workspace, context };
}

describe('mcp-security:render-deployment', () => {
  it('renders a catalog server from its assessment, as the user running the template', async () => {
    const { client, action, workspace, context } = setup();
    const ctx = context({
      entityRef: 'api:default/terraform',
      namespace: 'tools',
    });
    await action.handler(ctx);

    expect(client.getAssessment).toHaveBeenCalledWith(
      'api:default/terraform',
      expect.anything(),
    );
    expect(client.advise).not.toHaveBeenCalled();
    const files = [
      'compose.yaml',
      'egress-proxy/squid.conf',
      'egress-proxy/allowlist.txt',
      'kubernetes/mcp-server.yaml',
      'kubernetes/egress-proxy.yaml',
      'monitoring/prometheus-rules.yaml',
      'RUNBOOK.md',
    ];
    expect(ctx.output).toHaveBeenCalledWith('files', files);
    expect(ctx.output).toHaveBeenCalledWith('riskLevel', 'high');
    expect(ctx.output).toHaveBeenCalledWith('trustTier', 'community');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/terraform',
    );
    const written = workspace.content() as Record<string, any>;
    expect(Object.keys(written).sort()).toEqual([
      'RUNBOOK.md',
      'compose.yaml',
      'egress-proxy',
      'kubernetes',
      'monitoring',
    ]);
    expect(written.kubernetes['mcp-server.yaml']).toContain('namespace: tools');
    expect(written['egress-proxy']['allowlist.txt']).toContain(
      'app.terraform.io\nregistry.terraform.io\n',
    );
  });

  it('renders a server.json through advise, with the declared context, into targetPath', async () => {
    const { client, action, workspace, context } = setup();
    const serverJson = {
      name: 'io.github.modelcontextprotocol/fetch',
      version: '2025.4.7',
    };
    const ctx = context({
      serverJson,
      context: { exposure: 'local', egressAllowlist: ['example.com'] },
      targetPath: 'deploy/fetch',
    });
    await action.handler(ctx);

    expect(client.advise).toHaveBeenCalledWith(
      {
        serverJson,
        context: { exposure: 'local', egressAllowlist: ['example.com'] },
      },
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'deploy/fetch/Dockerfile',
      'deploy/fetch/compose.yaml',
      'deploy/fetch/egress-proxy/squid.conf',
      'deploy/fetch/egress-proxy/allowlist.txt',
      'deploy/fetch/monitoring/prometheus-rules.yaml',
      'deploy/fetch/RUNBOOK.md',
    ]);
    expect(ctx.output).not.toHaveBeenCalledWith('entityRef', expect.anything());
    const dockerfile = await fs.readFile(
      join(workspace.path, 'deploy/fetch/Dockerfile'),
      'utf8',
    );
    expect(dockerfile).toContain('mcp-server-fetch==2025.4.7');
  });

  it('renders Kubernetes manifests for a stdio npm server, running it behind the pinned bridge', async () => {
    const { action, workspace, context } = setup({
      advised: assessmentOf(exampleProfile('filesystem'), 'high'),
    });
    const ctx = context({ serverJson: { name: 'x' }, namespace: 'tools' });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'Dockerfile',
      'compose.yaml',
      'egress-proxy/squid.conf',
      'egress-proxy/allowlist.txt',
      'kubernetes/mcp-server.yaml',
      'kubernetes/egress-proxy.yaml',
      'monitoring/prometheus-rules.yaml',
      'RUNBOOK.md',
    ]);
    const written = workspace.content() as Record<string, any>;
    expect(String(written.Dockerfile)).toContain('"supergateway@4.0.0"');
    const manifests = written.kubernetes['mcp-server.yaml'] as string;
    expect(manifests).toContain('- /app/bridge');
    expect(manifests).toContain('path: /healthz');
    expect(written['RUNBOOK.md']).toContain(
      '`http://server-filesystem.tools.svc:8080/mcp`',
    );
  });

  it('renders only the requested targets', async () => {
    const { action, context } = setup();
    const ctx = context({
      entityRef: 'api:default/terraform',
      targets: ['compose'],
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.not.arrayContaining(['kubernetes/mcp-server.yaml']),
    );
  });

  it('renders with declared facts over the catalog and logs each difference', async () => {
    const { action, context } = setup();
    const ctx = context({
      entityRef: 'api:default/terraform',
      context: { exposure: 'internet' },
    });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /declares exposure "internet" but the catalog says "local"/,
      ),
    );
  });

  it.each([
    [{}, /entityRef or serverJson is required/],
    [
      { entityRef: 'api:default/x', serverJson: { name: 'x' } },
      /entityRef or serverJson, not both/,
    ],
    [
      { entityRef: 'api:default/x', context: { exposure: 'everywhere' } },
      /^context\.exposure/,
    ],
    [{ entityRef: 'api:default/x', context: { colour: 'blue' } }, /^context/],
    [
      { entityRef: 'api:default/x', namespace: 'Not_A_Namespace' },
      /^namespace: "Not_A_Namespace" is not a Kubernetes namespace name/,
    ],
    [
      { entityRef: 'api:default/x', namespace: `a${'b'.repeat(63)}` },
      /^namespace: .*at most 63 characters/,
    ],
    [
      { entityRef: 'api:default/x', targetPath: '../outside' },
      /^targetPath: .*outside/,
    ],
  ])(
    'refuses %j with an InputError naming the field',
    async (input, message) => {
      const { client, action, context } = setup();
      const error = await action.handler(context(input)).catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(message);
      expect(client.getAssessment).not.toHaveBeenCalled();
    },
  );

  it('refuses a target that does not apply, and says why', async () => {
    const { action, context } = setup({
      advised: assessmentOf(exampleProfile('fetch')),
    });
    await expect(
      action.handler(
        context({ serverJson: { name: 'x' }, targets: ['kubernetes'] }),
      ),
    ).rejects.toThrow(/targets: kubernetes does not apply .*stdio/);
  });

  it('renders nothing to deploy for a remote-only server, only proxy, alerts and runbook', async () => {
    const { action, context } = setup({
      advised: assessmentOf(exampleProfile('neon')),
    });
    const ctx = context({ serverJson: { name: 'com.neon/mcp' } });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'egress-proxy/squid.conf',
      'egress-proxy/allowlist.txt',
      'monitoring/prometheus-rules.yaml',
      'RUNBOOK.md',
    ]);
  });

  it('refuses a targetPath outside the workspace before calling the backend', async () => {
    const { client, action, context } = setup();
    await expect(
      action.handler(
        context({
          entityRef: 'api:default/terraform',
          targetPath: '../outside',
        }),
      ),
    ).rejects.toThrow(/outside/);
    expect(client.getAssessment).not.toHaveBeenCalled();
  });

  it('writes nothing when a manifest does not validate', async () => {
    const { action, workspace, context } = setup();
    jest
      .mocked(kubernetesValidationErrors)
      .mockReturnValueOnce(['Deployment/terraform: broken']);
    await expect(
      action.handler(context({ entityRef: 'api:default/terraform' })),
    ).rejects.toThrow(/Deployment\/terraform: broken/);
    expect(workspace.content()).toEqual({});
  });

  it('writes the same files in a dry run', async () => {
    const real = setup();
    await real.action.handler(
      real.context({ entityRef: 'api:default/terraform' }),
    );
    const dry = setup();
    await dry.action.handler(
      dry.context({ entityRef: 'api:default/terraform' }, { isDryRun: true }),
    );
    expect(dry.workspace.content()).toEqual(real.workspace.content());
  });

  it('renders from a profile with no facts at all', async () => {
    const { action, context } = setup({
      advised: assessmentOf(
        profileOf({
          packages: [
            {
              registryType: 'npm',
              identifier: 'x',
              pinned: false,
              transport: 'stdio',
            },
          ],
        }),
        'critical',
      ),
    });
    const ctx = context({ serverJson: { name: 'x' } });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('riskLevel', 'critical');
  });
});
