import { mockServices } from '@backstage/backend-test-utils';
import { join } from 'node:path';
import { FIXTURES_DIR, mcpServerEntity } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createAdvisoryStore } from '../__testUtils__/advisoryStore';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { AdvisoryIndex, withAdvisories } from '../engine/advisories';
import { assess } from '../engine/assess';
import { deriveProfile } from '../profile/deriveProfile';
import { AdvisoryNotifier } from './AdvisoryNotifier';
import { AdvisoryService } from './AdvisoryService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'AdvisoryNotifier on %p',
  databaseId => {
    let index: AdvisoryIndex;
    beforeAll(async () => {
      const advisories = new AdvisoryService({
        sources: [{ path: join(FIXTURES_DIR, 'osv', 'npm') }],
        store: await createAdvisoryStore(await databases.init(databaseId)),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
        maxBytes: 1024 * 1024,
        timeoutMs: 5000,
      });
      await advisories.load();
      index = advisories.index();
    });

    const assessmentOf = async (name: string, launch: string) =>
      assess(
        withAdvisories(
          deriveProfile(
            mcpServerEntity({
              name,
              remotes: [{ type: 'stdio', url: launch }],
            }),
            { status: 'absent' },
          ),
          index,
        ),
        await builtinKnowledge(),
        { entityRef: `api:default/${name}`, now: new Date() },
      );

    it('tells the owner once per newly matching advisory, even when sending fails', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseMcpSecurityStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const send = jest.fn().mockRejectedValueOnce(new Error('no backend'));
      const logger = mockServices.logger.mock();
      const notifier = new AdvisoryNotifier({
        store,
        notifications: { send } as any,
        logger,
      });
      const mail = await assessmentOf('mail', 'npx -y postmark-mcp@1.0.16');
      const files = await assessmentOf(
        'files',
        'npx -y @modelcontextprotocol/server-filesystem@2025.3.28 /srv',
      );
      const clean = await assessmentOf('clean', 'npx -y postmark-mcp@1.0.15');

      await notifier.assessed([mail, files, clean]);
      await notifier.assessed([mail, files]);

      expect(send).toHaveBeenCalledTimes(2);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Could not notify group:default/team-a'),
      );
      expect(send.mock.calls.map(([n]) => n.payload)).toEqual([
        expect.objectContaining({
          title: 'api:default/mail runs a malicious package: remove it now',
          severity: 'critical',
          link: '/catalog/default/api/mail/mcp-security',
        }),
        expect.objectContaining({
          title: '1 new advisory for api:default/files',
          description: expect.stringContaining('(fixed in 2025.7.1)'),
          severity: 'high',
        }),
      ]);
      expect(send.mock.calls[0][0].recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-a',
      });
    });
  },
);
