import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mcpServerEntity } from '../__fixtures__';
import { RegistryStatusReader } from './RegistryStatusReader';

function registryEntity(
  namespace: string,
  name: string,
  status: string,
  message?: string,
): Entity {
  const entity = mcpServerEntity({
    name: name.replace('/', '-'),
    annotations: {
      'mcp-security.io/registry-name': name,
      'mcp-security.io/registry-status': status,
      ...(message
        ? { 'mcp-security.io/registry-status-message': message }
        : {}),
    },
  });
  return { ...entity, metadata: { ...entity.metadata, namespace } };
}

describe('RegistryStatusReader', () => {
  const entities = [
    registryEntity('official', 'io.github.acme/a', 'active'),
    registryEntity('official', 'io.github.acme/b', 'deprecated', 'Use c'),
    registryEntity('internal', 'io.github.acme/b', 'deleted', 'Malware'),
    // A team's deployment names the registry entry but is no registry entity.
    mcpServerEntity({
      name: 'team-a-deployment',
      annotations: { 'mcp-security.io/registry-name': 'io.github.acme/a' },
    }),
  ];
  const reader = new RegistryStatusReader({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });

  it('reads the status of each registry name, the gravest when registries disagree', async () => {
    const statuses = await reader.statusesOf([
      'io.github.acme/a',
      'io.github.acme/b',
      'io.github.acme/unknown',
    ]);
    expect(Object.fromEntries(statuses)).toEqual({
      'io.github.acme/a': {
        status: 'active',
        message: undefined,
        entityRef: 'api:official/io.github.acme-a',
      },
      'io.github.acme/b': {
        status: 'deleted',
        message: 'Malware',
        entityRef: 'api:internal/io.github.acme-b',
      },
    });
  });

  it('asks nothing for no names', async () => {
    expect((await reader.statusesOf([])).size).toBe(0);
  });
});
