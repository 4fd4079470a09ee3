import { Entity } from '@backstage/catalog-model';
import { parseAnnotations } from './annotations';

const withAnnotations = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 's', annotations },
  spec: { type: 'mcp-server' },
});

describe('parseAnnotations', () => {
  it('treats missing annotations as unknown facts', () => {
    const { facts, findings } = parseAnnotations(withAnnotations({}));
    expect(facts).toEqual({
      deploymentContext: 'unknown',
      exposure: 'unknown',
      dataClassification: 'unknown',
      capabilities: [],
      capabilitiesDeclared: false,
      isolation: 'unknown',
      auth: 'unknown',
      egressAllowlist: [],
      trustOverride: undefined,
      registryName: undefined,
    });
    expect(findings).toEqual([]);
  });

  it("reads RHDH's registry-name annotation when ours is absent", () => {
    const rhdh = { 'modelcontextprotocol.io/name': 'io.github.acme/server' };
    expect(parseAnnotations(withAnnotations(rhdh)).facts.registryName).toBe(
      'io.github.acme/server',
    );
    expect(
      parseAnnotations(
        withAnnotations({
          ...rhdh,
          'mcp-security.io/registry-name': 'io.github.acme/other',
        }),
      ).facts.registryName,
    ).toBe('io.github.acme/other');
  });

  it('reads declared facts, ignoring case and spacing', () => {
    const { facts, findings } = parseAnnotations(
      withAnnotations({
        'mcp-security.io/deployment-context': 'Production',
        'mcp-security.io/exposure': ' internet ',
        'mcp-security.io/data-classification': 'restricted',
        'mcp-security.io/capabilities':
          'shell-exec, filesystem-write,shell-exec',
        'mcp-security.io/isolation': 'container',
        'mcp-security.io/auth': 'oauth2',
        'mcp-security.io/egress-allowlist': 'api.stripe.com, files.stripe.com',
        'mcp-security.io/trust-override': 'trusted',
        'mcp-security.io/trust-override-reason': 'Built in-house',
      }),
    );
    expect(findings).toEqual([]);
    expect(facts).toMatchObject({
      deploymentContext: 'production',
      exposure: 'internet',
      dataClassification: 'restricted',
      capabilities: ['shell-exec', 'filesystem-write'],
      capabilitiesDeclared: true,
      isolation: 'container',
      auth: 'oauth2',
      egressAllowlist: ['api.stripe.com', 'files.stripe.com'],
      trustOverride: { tier: 'trusted', reason: 'Built in-house' },
    });
  });

  it('turns a bad value into a finding that names the annotation and keeps the fact unknown', () => {
    const { facts, findings } = parseAnnotations(
      withAnnotations({
        'mcp-security.io/exposure': 'public-ish',
        'mcp-security.io/capabilities': 'filesystem-read,teleport',
      }),
    );
    expect(facts.exposure).toBe('unknown');
    expect(facts.capabilities).toEqual(['filesystem-read']);
    expect(findings).toHaveLength(2);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'mcp-security.io/exposure',
          message: expect.stringContaining(
            '"public-ish" is not a valid value; expected one of local, internal, internet',
          ),
        }),
        expect.objectContaining({
          field: 'mcp-security.io/capabilities',
          message: expect.stringContaining(
            '"teleport" is not a known capability',
          ),
        }),
      ]),
    );
  });

  it('ignores a trust override without a reason', () => {
    const { facts, findings } = parseAnnotations(
      withAnnotations({ 'mcp-security.io/trust-override': 'trusted' }),
    );
    expect(facts.trustOverride).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({
        field: 'mcp-security.io/trust-override-reason',
      }),
    ]);
  });
});
