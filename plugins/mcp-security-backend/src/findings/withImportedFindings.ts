import {
  FindingRecord,
  ImportedFinding,
  McpServerProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * The profile with the server's open imported findings. When imports saw
 * them is left out: the profile's hash, and so the assessment history,
 * changes only when the findings do, not at each re-import of the same report.
 */
export function withImportedFindings(
  profile: McpServerProfile,
  records: FindingRecord[],
): McpServerProfile {
  if (records.length === 0) return profile;
  const importedFindings: ImportedFinding[] = records.map(
    ({ firstSeen: _first, lastSeen: _last, ...finding }) => finding,
  );
  return { ...profile, importedFindings };
}
