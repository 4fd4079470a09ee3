import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { ServerJsonReader } from '../reading/ServerJsonReader';
import { mcpServerEntity } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AssessmentService } from './AssessmentService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ref = { kind: 'api', namespace: 'default', name: 'server' };
const user = mockCredentials.user('user:default/alice');

const version = (v: string): Entity =>
  mcpServerEntity({
    annotations: {
      'mcp-security.io/deployment-context': 'production',
      'mcp-security.io/isolation': 'none',
    },
    remotes: [{ type: 'stdio', url: `npx -y some-server@${v}` }],
  });

describe.each(databases.eachSupportedId())(
  'AssessmentService on %p',
  databaseId => {
    it('keeps owners’ decisions across re-assessments and adds history only on change', async () => {
      const knex = await databases.init(databaseId);
      let current = version('1.0.0');
      const catalog = catalogServiceMock.mock({
        getEntityByRef: jest.fn(async () => current),
      });
      const service = new AssessmentService({
        catalog,
        store: await DatabaseMcpSecurityStore.create({
          database: mockServices.database({
            knex,
            migrations: { skip: false },
          }),
        }),
        reader: new ServerJsonReader({
          urlReader: mockServices.urlReader.mock(),
          integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
          maxBytes: 1024,
        }),
        knowledge: await builtinKnowledge(),
        permissions: mockServices.permissions(),
        kinds: ['API'],
      });

      const first = await service.getAssessmentView(ref, user);
      const controlId = first.recommendations[0].controlId;
      await service.decide(ref, controlId, { status: 'accepted' }, user);

      current = version('1.0.1');
      const second = await service.getAssessmentView(ref, user);
      expect(second.profileHash).not.toBe(first.profileHash);
      expect(
        second.recommendations.find(r => r.controlId === controlId),
      ).toMatchObject({
        status: 'accepted',
        decision: { decidedBy: 'user:default/alice' },
      });

      await service.getAssessmentView(ref, user);
      const history = await service.getHistory(ref, user, 10);
      expect(history.map(h => h.profileHash)).toEqual([
        second.profileHash,
        first.profileHash,
      ]);
    });
  },
);
