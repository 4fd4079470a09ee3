import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createAdvisoryStore } from '../__testUtils__/advisoryStore';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { join } from 'node:path';
import { FIXTURES_DIR, mcpServerEntity } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { AdvisoryFleet } from '../advisories/AdvisoryFleet';
import { AdvisoryService } from '../advisories/AdvisoryService';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { withAdvisories } from '../engine/advisories';
import { assess } from '../engine/assess';
import { deriveProfile } from '../profile/deriveProfile';
import { createListAdvisoriesAction } from './createListAdvisoriesAction';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('createListAdvisoriesAction', () => {
  it('lists the servers running a malicious or vulnerable package, and only one kind on request', async () => {
    const advisories = new AdvisoryService({
      sources: [{ path: join(FIXTURES_DIR, 'osv', 'npm') }],
      store: await createAdvisoryStore(await databases.init('SQLITE_3')),
      urlReader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      maxBytes: 1024 * 1024,
      timeoutMs: 5000,
    });
    await advisories.load();
    const entities = [
      mcpServerEntity({
        name: 'mail',
        remotes: [{ type: 'stdio', url: 'npx -y postmark-mcp@1.0.16' }],
      }),
      mcpServerEntity({
        name: 'files',
        remotes: [
          {
            type: 'stdio',
            url: 'npx -y @modelcontextprotocol/server-filesystem@2025.3.28 /srv',
          },
        ],
      }),
    ];
    const knowledge = await builtinKnowledge();
    const stored = new Map(
      entities.map(entity => {
        const ref = `api:default/${entity.metadata.name}`;
        const profile = withAdvisories(
          deriveProfile(entity, { status: 'absent' }),
          advisories.index(),
        );
        return [
          ref,
          assess(profile, knowledge, { entityRef: ref, now: new Date() }),
        ];
      }),
    );
    const store = {
      getLatestAssessments: async (refs: string[]) =>
        new Map(
          refs.flatMap(r => (stored.has(r) ? [[r, stored.get(r)!]] : [])),
        ),
    } as Partial<McpSecurityStore> as McpSecurityStore;
    const actionsRegistry = actionsRegistryServiceMock();
    createListAdvisoriesAction({
      actionsRegistry,
      fleet: new AdvisoryFleet({
        catalog: catalogServiceMock({ entities }),
        store,
        summaries: { serversWithAdvisories: async () => [...stored.keys()] },
        advisories,
      }),
    });
    const invoke = async (input: object) =>
      (
        (
          await actionsRegistry.invoke({
            id: 'test:list-advisories',
            input,
            credentials: mockCredentials.user(),
          })
        ).output as any
      ).advisories.map((a: any) => [
        a.advisoryId,
        a.servers.map((s: any) => [s.entityRef, s.version, s.fixedVersion]),
      ]);

    expect(await invoke({})).toEqual([
      ['MAL-2025-47604', [['api:default/mail', '1.0.16', undefined]]],
      ['GHSA-hc55-p739-j48w', [['api:default/files', '2025.3.28', '2025.7.1']]],
    ]);
    expect(await invoke({ malicious: false })).toEqual([
      ['GHSA-hc55-p739-j48w', [['api:default/files', '2025.3.28', '2025.7.1']]],
    ]);
  });
});
