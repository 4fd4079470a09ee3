import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssessmentService } from '../service/AssessmentService';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { FIXTURES_DIR } from '../__fixtures__';
import { createAdviseOnServerAction } from './createAdviseOnServerAction';

describe('createAdviseOnServerAction', () => {
  async function setUp() {
    const actionsRegistry = actionsRegistryServiceMock();
    const assessments = new AssessmentService({
      catalog: {} as any,
      reader: {} as any,
      store: {} as any,
      knowledge: await builtinKnowledge(),
      advisories: { index: () => new Map() },
      tools: { factsOf: async () => new Map() },
      findings: { openFindings: async () => new Map() },
      registry: { statusesOf: async () => new Map() },
      permissions: mockServices.permissions(),
      listeners: [],
      kinds: ['API'],
      auditor: mockServices.auditor.mock(),
    });
    createAdviseOnServerAction({ actionsRegistry, assessments });
    return actionsRegistry;
  }

  it('assesses a server.json with context and returns prioritised steps', async () => {
    const registry = await setUp();
    const { output } = await registry.invoke({
      id: 'test:advise-on-server',
      input: {
        serverJson: JSON.parse(
          readFileSync(join(FIXTURES_DIR, 'filesystem.json'), 'utf8'),
        ),
        context: {
          deploymentContext: 'production',
          capabilities: ['filesystem-read', 'filesystem-write'],
          isolation: 'none',
        },
      },
      credentials: mockCredentials.user(),
    });
    expect(output).toMatchObject({
      trust: { tier: 'trusted' },
      risk: { level: expect.stringMatching(/^(high|critical)$/) },
      assuranceLevel: 'L3',
    });
    const recommendations = (output as any).recommendations;
    expect(recommendations[0].priority).toBe('P1');
    expect(recommendations.map((r: any) => r.controlId)).toContain(
      'restrict-filesystem-mounts',
    );
    expect(recommendations[0].steps.length).toBeGreaterThan(0);
  });

  it('refuses an unknown fact value, naming it', async () => {
    const registry = await setUp();
    await expect(
      registry.invoke({
        id: 'test:advise-on-server',
        input: {
          clientConfig: { mcpServers: { x: { command: 'npx' } } },
          context: { exposure: 'everywhere' },
        },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/context\.exposure/);
  });
});
