import { TestDatabases } from '@backstage/backend-test-utils';

// Created at the top level: TestDatabases registers its own cleanup hooks.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('the database engines the store and migration tests run on', () => {
  it('include PostgreSQL 15, which TestDatabases would otherwise drop without a word', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
      'POSTGRES_15',
      'SQLITE_3',
    ]);
  });
});
