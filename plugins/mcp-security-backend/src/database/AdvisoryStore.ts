import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { OsvRecord } from '../advisories/osvRecord';

const BATCH_SIZE = 200;

/** The last good OSV records of each advisory source. */
export class AdvisoryStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<AdvisoryStore> {
    return new AdvisoryStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Makes the source's stored records those given: writes only those that
   * are new or whose `modified` changed, removes those the source no longer
   * has, and says how many rows it wrote and removed.
   */
  async replaceSource(
    source: string,
    records: OsvRecord[],
  ): Promise<{ written: number; removed: number }> {
    const latest = new Map<string, OsvRecord>();
    for (const record of records) {
      const seen = latest.get(record.id);
      if (!seen || seen.modified < record.modified) {
        latest.set(record.id, record);
      }
    }
    return this.db.transaction(async tx => {
      const rows: { id: string; modified: string }[] = await tx(
        'advisory_records',
      )
        .where({ source })
        .select('id', 'modified');
      const stored = new Map(rows.map(row => [row.id, row.modified]));
      const changed = [...latest.values()].filter(
        r => stored.get(r.id) !== r.modified,
      );
      for (let i = 0; i < changed.length; i += BATCH_SIZE) {
        await tx('advisory_records')
          .insert(
            changed.slice(i, i + BATCH_SIZE).map(r => ({
              source,
              id: r.id,
              modified: r.modified,
              record: JSON.stringify(r),
            })),
          )
          .onConflict(['source', 'id'])
          .merge();
      }
      const gone = [...stored.keys()].filter(id => !latest.has(id));
      for (let i = 0; i < gone.length; i += BATCH_SIZE) {
        await tx('advisory_records')
          .where({ source })
          .whereIn('id', gone.slice(i, i + BATCH_SIZE))
          .delete();
      }
      return { written: changed.length, removed: gone.length };
    });
  }

  /** The stored records of each of the given sources. */
  async records(sources: string[]): Promise<Map<string, OsvRecord[]>> {
    const bySource = new Map<string, OsvRecord[]>(sources.map(s => [s, []]));
    if (sources.length === 0) return bySource;
    const rows = await this.db('advisory_records')
      .whereIn('source', sources)
      .orderBy(['source', 'id'])
      .select('source', 'record');
    for (const row of rows) {
      bySource.get(row.source)?.push(JSON.parse(row.record));
    }
    return bySource;
  }
}
