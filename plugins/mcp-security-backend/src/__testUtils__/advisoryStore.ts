import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { AdvisoryStore } from '../database/AdvisoryStore';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';

/** An advisory store on a migrated test database. */
export async function createAdvisoryStore(knex: Knex): Promise<AdvisoryStore> {
  const database = mockServices.database({ knex, migrations: { skip: false } });
  // Creating the main store runs the plugin's migrations.
  await DatabaseMcpSecurityStore.create({ database });
  return AdvisoryStore.create({ database });
}
