import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  FindingRecord,
  ImportedFinding,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knex } from 'knex';
import { FindingStore, StoredImport } from './FindingStore';

/** SQLite and PostgreSQL cap bound parameters per statement; stay well below both. */
const BATCH_SIZE = 100;

interface FindingRow {
  entity_ref: string;
  finding: string;
  first_seen: Date | string | number;
  last_seen: Date | string | number;
}

const keyOf = (f: { sourceTool: string; fingerprint: string }) =>
  JSON.stringify([f.sourceTool, f.fingerprint]);

/** Findings in the plugin's database, table `imported_findings`. */
export class DatabaseFindingStore implements FindingStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFindingStore> {
    return new DatabaseFindingStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async recordImport(
    entityRef: string,
    sourceTools: string[],
    findings: ImportedFinding[],
    now: Date,
  ): Promise<StoredImport> {
    // A report may list one finding twice (two runs of the same tool); the first counts.
    const reported = new Map<string, ImportedFinding>();
    for (const finding of findings) {
      if (!reported.has(keyOf(finding))) reported.set(keyOf(finding), finding);
    }
    return this.db.transaction(async tx => {
      const rows: {
        source_tool: string;
        fingerprint: string;
        resolved_at: unknown;
      }[] = await tx('imported_findings')
        .where({ entity_ref: entityRef })
        .whereIn('source_tool', sourceTools)
        .select('source_tool', 'fingerprint', 'resolved_at');
      const open = new Set(
        rows
          .filter(r => r.resolved_at === null)
          .map(r =>
            keyOf({ sourceTool: r.source_tool, fingerprint: r.fingerprint }),
          ),
      );
      const values = [...reported.values()].map(f => ({
        entity_ref: entityRef,
        source_tool: f.sourceTool,
        fingerprint: f.fingerprint,
        severity: f.severity,
        finding: JSON.stringify(f),
        first_seen: now,
        last_seen: now,
        resolved_at: null,
      }));
      for (let i = 0; i < values.length; i += BATCH_SIZE) {
        await tx('imported_findings')
          .insert(values.slice(i, i + BATCH_SIZE))
          .onConflict(['entity_ref', 'source_tool', 'fingerprint'])
          .merge(['severity', 'finding', 'last_seen', 'resolved_at']);
      }
      const gone = rows.filter(
        r =>
          r.resolved_at === null &&
          !reported.has(
            keyOf({ sourceTool: r.source_tool, fingerprint: r.fingerprint }),
          ),
      );
      for (const row of gone) {
        await tx('imported_findings')
          .where({
            entity_ref: entityRef,
            source_tool: row.source_tool,
            fingerprint: row.fingerprint,
          })
          .update({ resolved_at: now });
      }
      const stillOpen = [...reported.keys()].filter(k => open.has(k)).length;
      return {
        new: reported.size - stillOpen,
        stillOpen,
        resolved: gone.length,
      };
    });
  }

  async openFindings(
    entityRefs: string[],
  ): Promise<Map<string, FindingRecord[]>> {
    const byServer = new Map<string, FindingRecord[]>();
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const rows: FindingRow[] = await this.db('imported_findings')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
        .whereNull('resolved_at')
        .orderBy(['entity_ref', 'source_tool', 'fingerprint'])
        .select('entity_ref', 'finding', 'first_seen', 'last_seen');
      for (const row of rows) {
        const record: FindingRecord = {
          ...JSON.parse(row.finding),
          firstSeen: new Date(row.first_seen).toISOString(),
          lastSeen: new Date(row.last_seen).toISOString(),
        };
        const list = byServer.get(row.entity_ref);
        if (list) list.push(record);
        else byServer.set(row.entity_ref, [record]);
      }
    }
    return byServer;
  }
}
