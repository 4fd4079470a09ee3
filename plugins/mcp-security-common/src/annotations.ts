/** Every annotation this plugin reads starts with this prefix. */
export const MCP_SECURITY_ANNOTATION_PREFIX = 'mcp-security.io/';

/**
 * Annotation keys, all optional. A missing one is an unknown fact; a malformed
 * one becomes a finding that names the key.
 */
export const MCP_SECURITY_ANNOTATIONS = {
  serverJson: 'mcp-security.io/server-json',
  registryName: 'mcp-security.io/registry-name',
  registryUrl: 'mcp-security.io/registry-url',
  registryStatus: 'mcp-security.io/registry-status',
  registryStatusMessage: 'mcp-security.io/registry-status-message',
  deploymentContext: 'mcp-security.io/deployment-context',
  exposure: 'mcp-security.io/exposure',
  dataClassification: 'mcp-security.io/data-classification',
  capabilities: 'mcp-security.io/capabilities',
  isolation: 'mcp-security.io/isolation',
  auth: 'mcp-security.io/auth',
  hosting: 'mcp-security.io/hosting',
  egressAllowlist: 'mcp-security.io/egress-allowlist',
  trustOverride: 'mcp-security.io/trust-override',
  trustOverrideReason: 'mcp-security.io/trust-override-reason',
} as const;

/**
 * The registry-name annotation of Red Hat Developer Hub's MCP registry
 * provider, read as a registry name so its entities are assessed too.
 */
export const RHDH_REGISTRY_NAME_ANNOTATION = 'modelcontextprotocol.io/name';
