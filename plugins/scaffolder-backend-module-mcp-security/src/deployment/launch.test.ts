import {
  McpServerProfile,
  PackageProfile,
  RiskLevel,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentOf,
  exampleNames,
  exampleProfile,
  npmProfile,
} from '../__testUtils__/assessments';
import { composeModel } from './compose';
import { renderDockerfile } from './dockerfile';
import { KubernetesObject, serverObjects } from './kubernetes';
import { launchOf } from './launch';
import { deploymentPlanOf } from './plan';
import {
  applicableTargets,
  renderDeployment,
  validateRendering,
} from './render';

const planOf = (profile: McpServerProfile, risk: RiskLevel = 'medium') =>
  deploymentPlanOf(assessmentOf(profile, risk));
const serverOf = (profile: McpServerProfile) =>
  (composeModel(planOf(profile)) as any).services[planOf(profile).name];
const deploymentOf = (profile: McpServerProfile) =>
  serverObjects(planOf(profile), 'mcp').find(
    (o: KubernetesObject) => o.kind === 'Deployment',
  ) as any;
const containerOf = (profile: McpServerProfile) =>
  deploymentOf(profile).spec.template.spec.containers[0];
const filesOf = (profile: McpServerProfile) => {
  const plan = planOf(profile);
  return renderDeployment(plan, {
    targets: applicableTargets(plan),
    namespace: 'mcp',
  });
};

const withPackage = (pkg: Partial<PackageProfile>) => npmProfile(pkg);

describe('the filesystem server', () => {
  const filesystem = exampleProfile('filesystem');

  it('gets the folder it may use as a mount at a fixed path, passed as its argument, writable as it writes files', () => {
    const server = serverOf(filesystem);
    expect(server.command).toEqual(['/data/allowed_directory']);
    expect(server.volumes).toEqual([
      {
        type: 'bind',
        source: expect.stringMatching(
          /^\$\{MCP_MOUNT_ALLOWED_DIRECTORY:\?set MCP_MOUNT_ALLOWED_DIRECTORY to the host path/,
        ),
        target: '/data/allowed_directory',
        read_only: false,
      },
    ]);
  });

  it('mounts it read-only when the server may only read files', () => {
    const reader = {
      ...filesystem,
      capabilities: ['filesystem-read' as const],
    };
    expect(serverOf(reader).volumes[0].read_only).toBe(true);
    expect(containerOf(reader).volumeMounts).toContainEqual({
      name: 'allowed-directory',
      mountPath: '/data/allowed_directory',
      readOnly: true,
    });
  });

  it('passes it in the bridge command on Kubernetes, from a claim the runbook names', () => {
    const deployment = deploymentOf(filesystem);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args.slice(0, 2)).toEqual([
      '--stdio',
      'node /app/server /data/allowed_directory',
    ]);
    expect(container.volumeMounts).toContainEqual({
      name: 'allowed-directory',
      mountPath: '/data/allowed_directory',
      readOnly: false,
    });
    // Its argument's mount is its data: no second, generic data folder.
    expect(container.volumeMounts.map((m: any) => m.mountPath).sort()).toEqual([
      '/data/allowed_directory',
      '/tmp',
    ]);
    const claim = `${planOf(filesystem).name}-allowed-directory`;
    expect(deployment.spec.template.spec.volumes).toContainEqual({
      name: 'allowed-directory',
      persistentVolumeClaim: { claimName: claim, readOnly: false },
    });
    const runbook = filesOf(filesystem).files.find(
      f => f.path === 'RUNBOOK.md',
    )!.content;
    expect(runbook).toContain('## Arguments, settings and secrets');
    expect(runbook).toContain(`PersistentVolumeClaim \`${claim}\``);
    expect(runbook).toMatch(
      /set `MCP_MOUNT_ALLOWED_DIRECTORY`: compose refuses to start/,
    );
  });

  it('documents the argument in the Dockerfile, which still takes none of its own', () => {
    const { content } = renderDockerfile(planOf(filesystem));
    expect(content).toContain(
      "# compose.yaml and the manifests start it with the server.json's arguments: /data/allowed_directory",
    );
    expect(content).toMatch(/^ENTRYPOINT \["node", "\/app\/server"\]$/m);
  });
});

describe('the stripe server', () => {
  const stripe = exampleProfile('stripe');

  it('starts with --tools all and leaves the optional account out', () => {
    expect(serverOf(stripe).command).toEqual(['--tools', 'all']);
    expect(containerOf(stripe).args[1]).toBe('node /app/server --tools all');
    expect(planOf(stripe).launch.optionalArguments).toEqual([
      '--stripe-account',
    ]);
  });

  it('reads its secret key by interpolation in compose and from the Secret on Kubernetes', () => {
    expect(serverOf(stripe).environment.STRIPE_SECRET_KEY).toBe(
      '${STRIPE_SECRET_KEY:?set STRIPE_SECRET_KEY (see RUNBOOK.md)}',
    );
    const name = planOf(stripe).name;
    expect(containerOf(stripe).env).toContainEqual({
      name: 'STRIPE_SECRET_KEY',
      valueFrom: {
        secretKeyRef: {
          name: `${name}-secrets`,
          key: 'STRIPE_SECRET_KEY',
          optional: false,
        },
      },
    });
    const runbook = filesOf(stripe).files.find(
      f => f.path === 'RUNBOOK.md',
    )!.content;
    expect(runbook).toContain(
      `kubectl -n mcp create secret generic ${name}-secrets --from-env-file=`,
    );
  });
});

describe('images that set their environment with -e runtime arguments', () => {
  it('asks for the github token by interpolation', () => {
    expect(
      serverOf(exampleProfile('github')).environment
        .GITHUB_PERSONAL_ACCESS_TOKEN,
    ).toBe(
      '${GITHUB_PERSONAL_ACCESS_TOKEN:?set GITHUB_PERSONAL_ACCESS_TOKEN (see RUNBOOK.md)}',
    );
  });

  it("keeps terraform's defaults overridable and passes its optional token only when set", () => {
    const terraform = exampleProfile('terraform');
    const { environment, command } = serverOf(terraform);
    expect(command).toBeUndefined();
    expect(environment).toMatchObject({
      TFE_ADDRESS: '${TFE_ADDRESS:-https://app.terraform.io}',
      ENABLE_TF_OPERATIONS: '${ENABLE_TF_OPERATIONS:-false}',
      TFE_TOKEN: null,
    });
    const overHttp = {
      ...terraform,
      packages: terraform.packages.map(p => ({
        ...p,
        transport: 'streamable-http',
      })),
    };
    const env = containerOf(overHttp).env;
    expect(env).toContainEqual({
      name: 'TFE_ADDRESS',
      value: 'https://app.terraform.io',
    });
    expect(env).toContainEqual({
      name: 'TFE_TOKEN',
      valueFrom: {
        secretKeyRef: {
          name: `${planOf(overHttp).name}-secrets`,
          key: 'TFE_TOKEN',
          optional: true,
        },
      },
    });
  });
});

describe('launchOf', () => {
  it('turns a required argument without a value into a setting that must be provided', () => {
    const profile = withPackage({
      transport: 'streamable-http',
      arguments: [
        {
          type: 'named',
          name: '--project',
          isRequired: true,
          isRepeated: false,
          isSecret: false,
        },
        {
          type: 'named',
          name: '--read-only',
          format: 'boolean',
          default: 'true',
          isRequired: false,
          isRepeated: false,
          isSecret: false,
        },
        {
          type: 'named',
          name: '--verbose',
          format: 'boolean',
          default: 'false',
          isRequired: false,
          isRepeated: false,
          isSecret: false,
        },
        {
          type: 'positional',
          value: 'price$(x)',
          isRequired: true,
          isRepeated: false,
          isSecret: false,
        },
      ],
    });
    expect(serverOf(profile).command).toEqual([
      '--project',
      '${MCP_ARG_PROJECT:?set MCP_ARG_PROJECT (see RUNBOOK.md)}',
      '--read-only',
      'price$$(x)',
    ]);
    // A server that listens gets them as container arguments, expanded by Kubernetes.
    const container = containerOf(profile);
    expect(container.command).toBeUndefined();
    expect(container.args).toEqual([
      '--project',
      '$(MCP_ARG_PROJECT)',
      '--read-only',
      'price$$(x)',
    ]);
    expect(container.env).toContainEqual({
      name: 'MCP_ARG_PROJECT',
      valueFrom: {
        secretKeyRef: {
          name: 'notes-secrets',
          key: 'MCP_ARG_PROJECT',
          optional: false,
        },
      },
    });
    // Behind the bridge, /bin/sh expands it; Kubernetes expands nothing.
    const bridged = withPackage({ arguments: profile.packages[0].arguments });
    expect(containerOf(bridged).args[1]).toBe(
      `node /app/server --project "$MCP_ARG_PROJECT" --read-only 'price$$(x)'`,
    );
  });

  it('starts a package without arguments or settings as before', () => {
    expect(launchOf(withPackage({}).packages[0], [])).toEqual({
      args: [],
      mounts: [],
      settings: [],
      optionalArguments: [],
    });
    expect(serverOf(withPackage({})).command).toBeUndefined();
  });
});

describe('secrets', () => {
  it('never renders the value of a secret setting or argument, even one a profile carried by mistake', () => {
    const profile = withPackage({
      transport: 'streamable-http',
      arguments: [
        {
          type: 'named',
          name: '--api-key',
          value: 'leaked-argument-value',
          isRequired: true,
          isRepeated: false,
          isSecret: true,
        },
      ],
      environmentVariables: [
        {
          name: 'API_TOKEN',
          isSecret: true,
          isRequired: false,
          default: 'leaked-environment-default',
        },
      ],
    });
    const rendering = filesOf(profile);
    expect(() => validateRendering(rendering)).not.toThrow();
    for (const file of rendering.files) {
      expect(file.content).not.toContain('leaked-');
    }
    expect(serverOf(profile).command).toEqual([
      '--api-key',
      '${MCP_ARG_API_KEY:?set MCP_ARG_API_KEY (see RUNBOOK.md)}',
    ]);
  });

  it('writes no secret of any example into any file, only its name', () => {
    for (const name of exampleNames()) {
      const profile = exampleProfile(name);
      const secrets = profile.packages.flatMap(p =>
        (p.environmentVariables ?? []).filter(e => e.isSecret),
      );
      const compose = filesOf(profile).files.find(
        f => f.path === 'compose.yaml',
      );
      for (const secret of secrets) {
        expect(compose?.content).toMatch(
          new RegExp(`${secret.name}: (\\$\\{${secret.name}:\\?|null)`),
        );
      }
    }
  });
});
