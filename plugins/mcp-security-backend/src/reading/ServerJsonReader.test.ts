import { createMockDirectory } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { ConfigReader } from '@backstage/config';
import { ServerJsonReader } from './ServerJsonReader';

const mockDir = createMockDirectory();

function entityAt(location: string | undefined, serverJson?: string): Entity {
  const annotations: Record<string, string> = {};
  if (location) annotations['backstage.io/managed-by-location'] = location;
  if (serverJson !== undefined) {
    annotations['mcp-security.io/server-json'] = serverJson;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'server', annotations },
    spec: { type: 'mcp-server' },
  };
}

function readerWith(
  urlReader: Partial<UrlReaderService> = {},
  maxBytes = 1024,
) {
  return new ServerJsonReader({
    urlReader: urlReader as UrlReaderService,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    maxBytes,
  });
}

describe('ServerJsonReader', () => {
  beforeEach(() => {
    mockDir.setContent({
      servers: {
        fs: {
          'catalog-info.yaml': 'kind: API',
          'server.json': '{"name":"io.github.x/fs"}',
          'big.json': 'x'.repeat(2048),
          'escape.json': ctx => ctx.symlink(mockDir.resolve('secret.json')),
          nested: { 'server.json': '{}' },
        },
      },
      'secret.json': '{"token":"s3cret"}',
    });
  });

  const fileLocation = () =>
    `file:${mockDir.resolve('servers/fs/catalog-info.yaml')}`;

  it('reports absent when the annotation is missing', async () => {
    await expect(readerWith().read(entityAt(fileLocation()))).resolves.toEqual({
      status: 'absent',
    });
  });

  it('reads a path relative to the entity file', async () => {
    await expect(
      readerWith().read(entityAt(fileLocation(), './server.json')),
    ).resolves.toEqual({
      status: 'read',
      target: mockDir.resolve('servers/fs/server.json'),
      text: '{"name":"io.github.x/fs"}',
    });
    await expect(
      readerWith().read(entityAt(fileLocation(), 'nested/server.json')),
    ).resolves.toMatchObject({ status: 'read', text: '{}' });
  });

  it.each([
    ['../../secret.json', /outside the entity file's folder/],
    ['nested/../../../secret.json', /outside the entity file's folder/],
    ['/etc/passwd', /is an absolute path/],
    ['file:///etc/passwd', /unsupported scheme/],
    ['data:application/json,{}', /unsupported scheme/],
    ['', /the value is empty/],
    ['missing.json', /does not exist/],
    ['nested', /is not a file/],
  ])('refuses %j', async (value, reason) => {
    const result = await readerWith().read(entityAt(fileLocation(), value));
    expect(result.status).toBe('failed');
    expect(result).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('refuses a symlink that points outside the folder, naming its target', async () => {
    const result = await readerWith().read(
      entityAt(fileLocation(), 'escape.json'),
    );
    expect(result).toEqual({
      status: 'failed',
      target: mockDir.resolve('servers/fs/escape.json'),
      reason: expect.stringContaining(
        `resolves to ${mockDir.resolve('secret.json')}, outside`,
      ),
    });
  });

  it('refuses files over the size limit', async () => {
    const result = await readerWith({}, 1024).read(
      entityAt(fileLocation(), 'big.json'),
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/2048 bytes, over the 1024-byte limit/),
    });
  });

  it('needs the catalog-set location to resolve a relative path', async () => {
    const result = await readerWith().read(
      entityAt(undefined, './server.json'),
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('backstage.io/managed-by-location'),
    });
  });

  it('resolves relative paths against url locations through the UrlReader', async () => {
    const readUrl = jest.fn(async () => ({
      buffer: async () => Buffer.from('{"ok":true}'),
      etag: 'v1',
    }));
    const result = await readerWith({ readUrl } as any).read(
      entityAt(
        'url:https://git.example.com/acme/servers/raw/main/fs/catalog-info.yaml',
        './server.json',
      ),
    );
    expect(readUrl).toHaveBeenCalledWith(
      'https://git.example.com/acme/servers/raw/main/fs/server.json',
      { etag: undefined },
    );
    expect(result).toMatchObject({ status: 'read', text: '{"ok":true}' });
  });

  it('reuses the cached text when the ETag is unchanged', async () => {
    const readUrl = jest
      .fn()
      .mockResolvedValueOnce({
        buffer: async () => Buffer.from('{"v":1}'),
        etag: 'v1',
      })
      .mockRejectedValueOnce(new NotModifiedError());
    const reader = readerWith({ readUrl });
    const entity = entityAt(undefined, 'https://example.com/server.json');
    await reader.read(entity);
    await expect(reader.read(entity)).resolves.toMatchObject({
      status: 'read',
      text: '{"v":1}',
    });
    expect(readUrl).toHaveBeenLastCalledWith(
      'https://example.com/server.json',
      {
        etag: 'v1',
      },
    );
  });

  it('turns UrlReader errors into a failed read naming the URL', async () => {
    const readUrl = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'Reading from https://example.com/server.json is not allowed',
        ),
      );
    await expect(
      readerWith({ readUrl }).read(
        entityAt(undefined, 'https://example.com/server.json'),
      ),
    ).resolves.toEqual({
      status: 'failed',
      target: 'https://example.com/server.json',
      reason: expect.stringContaining(
        'could not read https://example.com/server.json',
      ),
    });
  });
});
