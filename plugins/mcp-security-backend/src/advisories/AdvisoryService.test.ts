import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import JSZip from 'jszip';
import { FIXTURES_DIR } from '../__fixtures__';
import { createAdvisoryStore } from '../__testUtils__/advisoryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AdvisoryStore } from '../database/AdvisoryStore';
import { AdvisoryService } from './AdvisoryService';

const OSV_DIR = join(FIXTURES_DIR, 'osv');

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'AdvisoryService on %p',
  databaseId => {
    let store: AdvisoryStore;
    beforeEach(async () => {
      store = await createAdvisoryStore(await databases.init(databaseId));
    });

    let server: Server;
    let baseUrl: string;
    let body: string | Buffer = '[]';
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(body);
      });
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise(r => server.close(r)));

    const urlReader = () =>
      UrlReaders.default({
        config: new ConfigReader({
          backend: { reading: { allow: [{ host: new URL(baseUrl).host }] } },
        }),
        logger: mockServices.logger.mock(),
      });

    it('loads a folder recursively, skipping each malformed record with its file and JSON path', async () => {
      const logger = mockServices.logger.mock();
      const service = new AdvisoryService({
        sources: [{ path: OSV_DIR }],
        store,
        urlReader: urlReader(),
        logger,
        maxBytes: 1024 * 1024,
        timeoutMs: 5000,
      });
      expect(await service.load()).toEqual({ records: 2 });
      const [status] = service.status();
      expect(status.records).toBe(2);
      expect(status.skipped).toEqual([
        {
          file: 'bad/not-json.json',
          reason: expect.stringMatching(/^not JSON/),
        },
        {
          file: 'bad/two-events-in-one.json',
          reason: expect.stringMatching(/^affected\.0\.ranges\.0\.events\.0: /),
        },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('bad/two-events-in-one.json'),
      );
      expect([...service.index().keys()].sort()).toEqual([
        'npm:@modelcontextprotocol/server-filesystem',
        'npm:postmark-mcp',
      ]);
    });

    it('reads a URL through the UrlReader and keeps the last good records when the source fails', async () => {
      body = JSON.stringify([
        JSON.parse(
          await readFile(join(OSV_DIR, 'npm', 'MAL-2025-47604.json'), 'utf8'),
        ),
      ]);
      const folder = mkdtempSync(join(tmpdir(), 'osv-'));
      cpSync(join(OSV_DIR, 'npm'), folder, { recursive: true });
      const logger = mockServices.logger.mock();
      const service = new AdvisoryService({
        sources: [{ url: `${baseUrl}/npm.json` }, { path: folder }],
        store,
        urlReader: urlReader(),
        logger,
        maxBytes: 1024 * 1024,
        timeoutMs: 5000,
      });
      try {
        expect(await service.load()).toEqual({ records: 3 });
        rmSync(folder, { recursive: true });
        expect(await service.load()).toEqual({ records: 3 });
        const [, folderStatus] = service.status();
        expect(folderStatus).toMatchObject({
          records: 2,
          error: expect.stringContaining('ENOENT'),
        });
        expect(logger.error).toHaveBeenCalledWith(
          expect.stringContaining('keeping its last good records'),
        );

        // After a restart the failing source still has its last good records.
        const restarted = new AdvisoryService({
          sources: [{ path: folder }],
          store,
          urlReader: urlReader(),
          logger: mockServices.logger.mock(),
          maxBytes: 1024 * 1024,
          timeoutMs: 5000,
        });
        expect(await restarted.load()).toEqual({ records: 2 });
        expect([...restarted.index().keys()]).toContain('npm:postmark-mcp');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('refuses a document over the size limit and a host the reader is not allowed to reach', async () => {
      body = JSON.stringify([
        { id: 'MAL-1', modified: 'x', details: 'y'.repeat(2000) },
      ]);
      const service = new AdvisoryService({
        store,
        sources: [
          { url: `${baseUrl}/big.json` },
          { url: 'http://192.0.2.1/osv.json' },
        ],
        urlReader: urlReader(),
        logger: mockServices.logger.mock(),
        maxBytes: 1000,
        timeoutMs: 5000,
      });
      await service.load();
      const [big, elsewhere] = service.status();
      expect(big.error).toContain('over the 1000-byte limit');
      expect(elsewhere.error).toBeDefined();
      expect(service.index().size).toBe(0);
    });

    it('reads an OSV zip export, naming a bad entry and refusing one that inflates past the limit', async () => {
      const zip = new JSZip();
      zip.file(
        'MAL-2025-47604.json',
        await readFile(join(OSV_DIR, 'npm', 'MAL-2025-47604.json')),
      );
      zip.file('GHSA-broken.json', '{"id": "GHSA-x"}');
      zip.file('README.md', 'not a record');
      body = await zip.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
      });
      const service = new AdvisoryService({
        sources: [{ url: `${baseUrl}/npm/all.zip` }],
        store,
        urlReader: urlReader(),
        logger: mockServices.logger.mock(),
        maxBytes: 64 * 1024,
        timeoutMs: 5000,
      });
      expect(await service.load()).toEqual({ records: 1 });
      expect(service.status()[0].skipped).toEqual([
        {
          file: `${baseUrl}/npm/all.zip!GHSA-broken.json`,
          reason: expect.stringMatching(/^modified: /),
        },
      ]);

      const bomb = new JSZip();
      bomb.file('huge.json', ' '.repeat(1024 * 1024));
      body = await bomb.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
      });
      expect(body.length).toBeLessThan(64 * 1024);
      await service.load();
      expect(service.status()[0]).toMatchObject({
        records: 1,
        error: expect.stringContaining('inflates past the size limit'),
      });
    });

    it('picks up a new advisory file at the next load, writing only what changed', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'osv-'));
      try {
        const logger = mockServices.logger.mock();
        const service = new AdvisoryService({
          sources: [{ path: folder }],
          store,
          urlReader: urlReader(),
          logger,
          maxBytes: 1024 * 1024,
          timeoutMs: 5000,
        });
        const written = () =>
          logger.info.mock.calls
            .map(([message]) => message)
            .filter(message => message.includes('written'));
        expect(await service.load()).toEqual({ records: 0 });
        writeFileSync(
          join(folder, 'MAL-2025-47604.json'),
          await readFile(join(OSV_DIR, 'npm', 'MAL-2025-47604.json')),
        );
        expect(await service.load()).toEqual({ records: 1 });
        expect(await service.load()).toEqual({ records: 1 });
        rmSync(join(folder, 'MAL-2025-47604.json'));
        expect(await service.load()).toEqual({ records: 0 });
        expect(written()).toEqual([
          `Advisory source ${folder}: 0 records written, 0 removed`,
          `Advisory source ${folder}: 1 records written, 0 removed`,
          `Advisory source ${folder}: 0 records written, 0 removed`,
          `Advisory source ${folder}: 0 records written, 1 removed`,
        ]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  },
);
