import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AssessmentService } from '../service/AssessmentService';
import { createListRecommendationsAction } from './createListRecommendationsAction';

const recommendation = (
  controlId: string,
  status: string,
  priority: string,
) => ({
  controlId,
  title: controlId,
  category: 'lifecycle',
  priority,
  status,
  rationale: 'why',
  steps: ['do'],
  verification: ['check'],
  references: [],
  mitigates: [],
});

describe('createListRecommendationsAction', () => {
  it('lists the server’s recommendations read with the caller’s credentials, filtered by status', async () => {
    const getAssessmentView = jest.fn().mockResolvedValue({
      entityRef: 'api:default/fs',
      assuranceLevel: 'L3',
      risk: { level: 'high', score: 54 },
      residualRisk: { level: 'medium', score: 46 },
      recommendations: [
        recommendation('a', 'open', 'P1'),
        recommendation('b', 'implemented', 'P1'),
        recommendation('c', 'open', 'P2'),
      ],
    });
    const actionsRegistry = actionsRegistryServiceMock();
    createListRecommendationsAction({
      actionsRegistry,
      assessments: { getAssessmentView } as unknown as AssessmentService,
    });
    const credentials = mockCredentials.user('user:default/alice');
    const { output } = await actionsRegistry.invoke({
      id: 'test:list-recommendations',
      input: { entityRef: 'fs', status: 'open' },
      credentials,
    });
    expect(getAssessmentView).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'fs' },
      credentials,
    );
    expect(output).toMatchObject({
      residualRisk: { level: 'medium', score: 46 },
      recommendations: [
        expect.objectContaining({ controlId: 'a', status: 'open' }),
        expect.objectContaining({ controlId: 'c', status: 'open' }),
      ],
    });
  });
});
