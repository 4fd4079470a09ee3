import { McpServerProfile } from '@mcp-server-operator/plugin-mcp-security-common';

/** What a registry's catalog entity says about a registry name. */
export interface RegistryStatusFact {
  status: string;
  message?: string;
  /** The registry entity the status was read from. */
  entityRef: string;
}

/**
 * The profile with the registry's current status of its registry name, which
 * outranks a status the server.json carried when it was fetched: a deleted
 * entry becomes a critical finding with the registry's reason, a deprecated
 * one a medium finding.
 */
export function withRegistryStatus(
  profile: McpServerProfile,
  fact: RegistryStatusFact | undefined,
): McpServerProfile {
  if (!fact || !profile.registryName) return profile;
  const base = {
    ...profile,
    registryStatus: fact.status,
    ...(fact.message ? { registryStatusMessage: fact.message } : {}),
  };
  if (fact.status !== 'deprecated' && fact.status !== 'deleted') return base;
  const reason = fact.message ? `: ${fact.message}` : '';
  return {
    ...base,
    findings: [
      ...profile.findings,
      {
        id: `registry-${fact.status}:${profile.registryName}`,
        source: 'registry',
        severity: fact.status === 'deleted' ? 'critical' : 'medium',
        field: 'mcp-security.io/registry-name',
        message: `The registry (${fact.entityRef}) marks ${profile.registryName} ${fact.status}${reason}`,
      },
    ],
  };
}
