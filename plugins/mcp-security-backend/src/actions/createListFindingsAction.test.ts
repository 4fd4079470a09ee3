import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { TestDatabases } from '@backstage/backend-test-utils';
import sarif from '../__fixtures__/findings/semgrep.sarif.json';
import { DatabaseFindingStore } from '../database/DatabaseFindingStore';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { FindingService } from '../findings/FindingService';
import { parseReport } from '../findings/parseReport';
import { AssessmentService } from '../service/AssessmentService';
import { createListFindingsAction } from './createListFindingsAction';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('createListFindingsAction', () => {
  it('lists the open findings of the server the caller may read, most severe first', async () => {
    const database = mockServices.database({
      knex: await databases.init('SQLITE_3'),
      migrations: { skip: false },
    });
    await DatabaseMcpSecurityStore.create({ database });
    const store = await DatabaseFindingStore.create({ database });
    const { sourceTools, findings } = parseReport('sarif', sarif);
    await store.recordImport(
      'api:default/fs',
      sourceTools,
      findings,
      new Date('2026-12-05T00:00:00Z'),
    );
    const getServerRef = jest.fn().mockResolvedValue('api:default/fs');
    const actionsRegistry = actionsRegistryServiceMock();
    createListFindingsAction({
      actionsRegistry,
      findings: new FindingService({
        assessments: { getServerRef } as unknown as AssessmentService,
        store,
        permissions: mockServices.permissions(),
        auditor: mockServices.auditor.mock(),
      }),
    });
    const credentials = mockCredentials.user('user:default/alice');

    const all = await actionsRegistry.invoke({
      id: 'test:list-findings',
      input: { entityRef: 'fs' },
      credentials,
    });
    expect(getServerRef).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'fs' },
      credentials,
    );
    expect(
      (all.output as { findings: { severity: string }[] }).findings.map(
        f => f.severity,
      ),
    ).toEqual(['critical', 'medium']);

    const severe = await actionsRegistry.invoke({
      id: 'test:list-findings',
      input: { entityRef: 'fs', minSeverity: 'high' },
      credentials,
    });
    expect(severe.output).toEqual({
      findings: [
        expect.objectContaining({
          sourceTool: 'Semgrep OSS',
          location: 'src/tools/run.ts:42',
          firstSeen: '2026-12-05T00:00:00.000Z',
        }),
      ],
    });
  });
});
