import { DatabaseService } from '@backstage/backend-plugin-api';
import { ToolSnapshot } from '@mcp-server-operator/plugin-mcp-security-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

interface SnapshotRow {
  id: string;
  entity_ref: string;
  hash: string;
  tools: string;
  imported_by: string;
  imported_at: Date | string;
  change_id: string | null;
}

/** A stored snapshot, with the change request that reviews it, if any. */
export type StoredToolSnapshot = ToolSnapshot & { changeId?: string };

const snapshotOf = (row: SnapshotRow): StoredToolSnapshot => ({
  id: row.id,
  entityRef: row.entity_ref,
  hash: row.hash,
  tools: JSON.parse(row.tools),
  importedBy: row.imported_by,
  importedAt: new Date(row.imported_at).toISOString(),
  ...(row.change_id ? { changeId: row.change_id } : {}),
});

const rowOf = (snapshot: StoredToolSnapshot): SnapshotRow => ({
  id: snapshot.id,
  entity_ref: snapshot.entityRef,
  hash: snapshot.hash,
  tools: JSON.stringify(snapshot.tools),
  imported_by: snapshot.importedBy,
  imported_at: new Date(snapshot.importedAt),
  change_id: snapshot.changeId ?? null,
});

const BATCH_SIZE = 500;

/** Tool snapshots of MCP servers and each server's reviewed baseline. */
export class ToolSnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ToolSnapshotStore> {
    return new ToolSnapshotStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /** Stores a later snapshot of a server that has a baseline. */
  async insert(snapshot: StoredToolSnapshot): Promise<void> {
    await this.db('tool_snapshots').insert(rowOf(snapshot));
  }

  /**
   * Stores a server's first snapshot as its baseline, in one transaction;
   * when another import made a baseline meanwhile, stores nothing (409).
   */
  async insertFirst(snapshot: StoredToolSnapshot): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('tool_snapshots').insert(rowOf(snapshot));
      await tx('tool_baselines')
        .insert({
          entity_ref: snapshot.entityRef,
          snapshot_id: snapshot.id,
          change_id: null,
          set_at: new Date(snapshot.importedAt),
        })
        .onConflict('entity_ref')
        .ignore();
      const baseline = await tx('tool_baselines')
        .where({ entity_ref: snapshot.entityRef })
        .first('snapshot_id');
      if (baseline?.snapshot_id !== snapshot.id) {
        throw new ConflictError(
          `Another tool snapshot of ${snapshot.entityRef} was imported at the same time; import again`,
        );
      }
    });
  }

  /** The snapshot a change request reviews. */
  async forChange(changeId: string): Promise<StoredToolSnapshot | undefined> {
    const row = await this.db<SnapshotRow>('tool_snapshots')
      .where({ change_id: changeId })
      .first();
    return row && snapshotOf(row);
  }

  /** Makes a snapshot its server's baseline, as an approved change decided. */
  async setBaseline(
    snapshot: StoredToolSnapshot,
    changeId: string,
    at: Date,
  ): Promise<void> {
    await this.db('tool_baselines')
      .insert({
        entity_ref: snapshot.entityRef,
        snapshot_id: snapshot.id,
        change_id: changeId,
        set_at: at,
      })
      .onConflict('entity_ref')
      .merge();
  }

  /** The baseline and the latest snapshot of each server that has any. */
  async states(
    entityRefs: string[],
  ): Promise<
    Map<string, { baseline: StoredToolSnapshot; latest: StoredToolSnapshot }>
  > {
    const states = new Map<
      string,
      { baseline: StoredToolSnapshot; latest: StoredToolSnapshot }
    >();
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const refs = entityRefs.slice(i, i + BATCH_SIZE);
      const latest: SnapshotRow[] = await this.db('tool_snapshots')
        .whereIn(
          'seq',
          this.db('tool_snapshots')
            .max('seq')
            .whereIn('entity_ref', refs)
            .groupBy('entity_ref'),
        )
        .select();
      if (latest.length === 0) continue;
      const baselines: SnapshotRow[] = await this.db('tool_baselines as b')
        .join('tool_snapshots as s', 's.id', 'b.snapshot_id')
        .whereIn('b.entity_ref', refs)
        .select('s.*');
      const baselineOf = new Map(
        baselines.map(row => [row.entity_ref, snapshotOf(row)]),
      );
      for (const row of latest) {
        const baseline = baselineOf.get(row.entity_ref);
        if (baseline) {
          states.set(row.entity_ref, { baseline, latest: snapshotOf(row) });
        }
      }
    }
    return states;
  }
}
