import { TestDatabases } from '@backstage/backend-test-utils';

describe('the database engines the store and migration tests run on', () => {
  it('include PostgreSQL 15, which TestDatabases would otherwise drop without a word', () => {
    const engines = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    }).eachSupportedId();
    expect(engines.map(([id]) => id)).toEqual(['POSTGRES_15', 'SQLITE_3']);
  });
});
