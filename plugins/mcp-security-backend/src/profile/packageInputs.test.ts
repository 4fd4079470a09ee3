import { packageInputsOf } from './packageInputs';
import { ServerJsonPackage, serverJsonSchema } from './serverJsonSchema';

/** One package of a server.json, parsed as the profile reads it. */
function pkg(fields: Record<string, unknown>): ServerJsonPackage {
  return serverJsonSchema.parse({
    name: 'io.github.acme/x',
    description: 'x',
    version: '1.0.0',
    packages: [
      {
        registryType: 'npm',
        identifier: 'x',
        version: '1.0.0',
        transport: { type: 'stdio' },
        ...fields,
      },
    ],
  }).packages![0];
}

describe('packageInputsOf', () => {
  it("keeps stripe's named arguments in order with their defaults, and its secret key by name only", () => {
    // As in examples/mcp-servers/stripe/server.json.
    const inputs = packageInputsOf(
      pkg({
        packageArguments: [
          {
            type: 'named',
            name: '--tools',
            description: 'Tools to enable.',
            format: 'string',
            isRequired: true,
            default: 'all',
          },
          {
            type: 'named',
            name: '--stripe-account',
            format: 'string',
            isRequired: false,
          },
        ],
        environmentVariables: [
          {
            name: 'STRIPE_SECRET_KEY',
            description: 'Stripe secret or restricted API key.',
            format: 'string',
            isRequired: true,
            isSecret: true,
          },
        ],
      }),
    );
    expect(inputs).toEqual({
      arguments: [
        {
          type: 'named',
          name: '--tools',
          default: 'all',
          format: 'string',
          isRequired: true,
          isRepeated: false,
          isSecret: false,
        },
        {
          type: 'named',
          name: '--stripe-account',
          format: 'string',
          isRequired: false,
          isRepeated: false,
          isSecret: false,
        },
      ],
      environmentVariables: [
        {
          name: 'STRIPE_SECRET_KEY',
          isSecret: true,
          isRequired: true,
          description: 'Stripe secret or restricted API key.',
        },
      ],
    });
  });

  it("reads an image's environment from its -e runtime arguments and their variables, ignoring the rest", () => {
    // As in examples/mcp-servers/github/server.json.
    const inputs = packageInputsOf(
      pkg({
        registryType: 'oci',
        identifier: 'ghcr.io/github/github-mcp-server:v0.13.0',
        runtimeArguments: [
          { type: 'positional', value: 'run', isRequired: true },
          { type: 'named', name: '-i', value: 'true', format: 'boolean' },
          {
            type: 'named',
            name: '-e',
            description: 'Set an environment variable in the runtime',
            value: 'GITHUB_PERSONAL_ACCESS_TOKEN={token}',
            isRequired: true,
            variables: { token: { isRequired: true, isSecret: true } },
          },
          {
            type: 'named',
            name: '--env',
            value: 'LOG_LEVEL={level}',
            variables: { level: { default: 'info' } },
          },
          { type: 'named', name: '-e', value: 'GITHUB_HOST' },
          {
            type: 'positional',
            valueHint: 'image_name',
            value: 'ghcr.io/github/github-mcp-server',
          },
        ],
      }),
    );
    expect(inputs.arguments).toBeUndefined();
    expect(inputs.environmentVariables).toEqual([
      {
        name: 'GITHUB_PERSONAL_ACCESS_TOKEN',
        isSecret: true,
        isRequired: true,
        description: 'Set an environment variable in the runtime',
      },
      {
        name: 'LOG_LEVEL',
        isSecret: false,
        isRequired: false,
        default: 'info',
      },
      { name: 'GITHUB_HOST', isSecret: false, isRequired: false },
    ]);
  });

  it('reads -e runtime arguments only for images: for a package runner they configure the runner', () => {
    const inputs = packageInputsOf(
      pkg({
        runtimeArguments: [{ type: 'named', name: '-e', value: 'A=b' }],
      }),
    );
    expect(inputs).toEqual({});
  });

  it('never keeps the value or default of a secret, nor a value made from a secret variable', () => {
    const inputs = packageInputsOf(
      pkg({
        packageArguments: [
          {
            type: 'named',
            name: '--api-key',
            isSecret: true,
            value: 'sk_live_literal',
            default: 'sk_test_default',
          },
          {
            type: 'named',
            name: '--url',
            value: 'https://{user}:{password}@db.example.com',
            variables: {
              user: { default: 'mcp' },
              password: { isSecret: true, default: 'hunter2' },
            },
          },
          {
            type: 'positional',
            valueHint: 'workspace',
            value: '/srv/{name}',
            variables: { name: { default: 'shared' } },
          },
        ],
        environmentVariables: [
          { name: 'TOKEN', isSecret: true, default: 'tok_default' },
          { name: 'REGION', default: 'eu-west-1' },
        ],
      }),
    );
    const text = JSON.stringify(inputs);
    for (const secret of [
      'sk_live_literal',
      'sk_test_default',
      'hunter2',
      'tok_default',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(inputs.arguments!.map(a => [a.name, a.isSecret, a.value])).toEqual([
      ['--api-key', true, undefined],
      ['--url', true, undefined],
      [undefined, false, '/srv/shared'],
    ]);
    expect(inputs.environmentVariables).toEqual([
      { name: 'TOKEN', isSecret: true, isRequired: false },
      {
        name: 'REGION',
        isSecret: false,
        isRequired: false,
        default: 'eu-west-1',
      },
    ]);
  });

  it('requires an argument whose value needs a required variable, as it does an environment variable', () => {
    const inputs = packageInputsOf(
      pkg({
        packageArguments: [
          {
            type: 'named',
            name: '--project',
            value: '{project}',
            variables: { project: { isRequired: true } },
          },
          {
            type: 'named',
            name: '--region',
            value: '{region}',
            variables: { region: { isRequired: false } },
          },
          { type: 'positional', valueHint: 'dir', isRequired: true },
        ],
        environmentVariables: [
          {
            name: 'PROJECT',
            value: '{project}',
            variables: { project: { isRequired: true } },
          },
        ],
      }),
    );
    expect(
      inputs.arguments!.map(a => [a.name ?? a.valueHint, a.isRequired]),
    ).toEqual([
      ['--project', true],
      ['--region', false],
      ['dir', true],
    ]);
    expect(inputs.environmentVariables![0].isRequired).toBe(true);
  });
});
