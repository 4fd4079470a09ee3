import { ConfigReader } from '@backstage/config';
import { readProviderConfigs } from './config';

const provider = {
  baseUrl: 'https://registry.example.com/',
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
  owner: 'group:default/platform-team',
};

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const read = (providers: ConfigData) =>
  readProviderConfigs(
    new ConfigReader({
      catalog: { providers: { mcpServerRegistry: providers } },
    }),
  );

describe('readProviderConfigs', () => {
  it('reads one provider per id, without the trailing slash', () => {
    const [official, internal] = read({
      official: provider,
      internal: { ...provider, namespaces: ['io.github.acme'] },
    });
    expect(official).toMatchObject({
      id: 'official',
      baseUrl: 'https://registry.example.com',
      owner: 'group:default/platform-team',
      namespaces: undefined,
    });
    expect(internal.namespaces).toEqual(['io.github.acme']);
  });

  it('reads nothing when no registry is configured', () => {
    expect(readProviderConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('refuses an id that cannot be a catalog namespace, or a base URL that is not http(s)', () => {
    expect(() => read({ Official_1: provider })).toThrow(
      'catalog.providers.mcpServerRegistry.Official_1: the provider id must be a valid catalog namespace',
    );
    expect(() =>
      read({ local: { ...provider, baseUrl: 'file:///srv/registry' } }),
    ).toThrow(
      'catalog.providers.mcpServerRegistry.local.baseUrl: must be an http(s) URL',
    );
    expect(() =>
      read({ local: { ...provider, baseUrl: 'not a url' } }),
    ).toThrow('catalog.providers.mcpServerRegistry.local.baseUrl: not a URL');
  });
});
