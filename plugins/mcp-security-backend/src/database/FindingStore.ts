import {
  FindingRecord,
  ImportedFinding,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** What storing one report's findings changed, per the import summary. */
export interface StoredImport {
  new: number;
  stillOpen: number;
  resolved: number;
}

/** The findings imported from scanners' and audits' reports, per server. */
export interface FindingStore {
  /**
   * Makes the given findings the open ones of each of `sourceTools` for the
   * server: new fingerprints are added, known ones (even resolved ones) are
   * seen again, and open ones a tool no longer reports are resolved. One
   * transaction: nothing is written unless all of it is.
   */
  recordImport(
    entityRef: string,
    sourceTools: string[],
    findings: ImportedFinding[],
    now: Date,
  ): Promise<StoredImport>;
  /** The open findings of each of the given servers that has any. */
  openFindings(entityRefs: string[]): Promise<Map<string, FindingRecord[]>>;
}
