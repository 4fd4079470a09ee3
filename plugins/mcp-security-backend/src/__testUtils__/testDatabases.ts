import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The engines every store and migration test runs on. CI provides PostgreSQL
 * through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; without it
 * TestDatabases quietly drops the engine, so a test in test/ fails when it is missing.
 */
export const TEST_DATABASE_IDS: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];

export function createTestDatabases() {
  return TestDatabases.create({ ids: TEST_DATABASE_IDS });
}
