import { Knowledge } from '../knowledge/loadKnowledge';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AssessmentService } from '../service/AssessmentService';
import { createGetAssessmentAction } from './createGetAssessmentAction';
import { assess } from '../engine/assess';
import { deriveProfile } from '../profile/deriveProfile';
import { fixtureSource, mcpServerEntity } from '../__fixtures__';

describe('createGetAssessmentAction', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await builtinKnowledge();
  });

  function setUp() {
    const assessment = assess(
      deriveProfile(mcpServerEntity(), fixtureSource('terraform')),
      knowledge,
      {
        entityRef: 'api:default/terraform',
        now: new Date('2026-11-21T00:00:00Z'),
      },
    );
    const getAssessment = jest.fn().mockResolvedValue(assessment);
    const actionsRegistry = actionsRegistryServiceMock();
    createGetAssessmentAction({
      actionsRegistry,
      assessments: { getAssessment } as unknown as AssessmentService,
    });
    return { actionsRegistry, getAssessment, assessment };
  }

  it('returns the assessment read with the caller’s credentials, defaulting the kind to API', async () => {
    const { actionsRegistry, getAssessment, assessment } = setUp();
    const credentials = mockCredentials.user('user:default/alice');
    const result = await actionsRegistry.invoke({
      id: 'test:get-assessment',
      input: { entityRef: 'terraform' },
      credentials,
    });
    expect(getAssessment).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'terraform' },
      credentials,
    );
    expect(result.output).toMatchObject({
      entityRef: 'api:default/terraform',
      risk: { level: assessment.risk.level, score: assessment.risk.score },
      trust: { tier: assessment.trust.tier },
      findings: [
        expect.objectContaining({
          field: expect.stringContaining('server.json packages.0'),
        }),
        expect.objectContaining({
          message: expect.stringContaining('"token"'),
        }),
      ],
    });
  });

  it('rejects a malformed entity reference naming the field', async () => {
    const { actionsRegistry } = setUp();
    await expect(
      actionsRegistry.invoke({
        id: 'test:get-assessment',
        input: { entityRef: 'api:default/' },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/entityRef "api:default\/" is not an entity reference/);
  });
});
