import { DeploymentPlan, PROXY_PORT } from './plan';
import { provenance, RenderedFile } from './text';

/** Where the proxy's configuration is mounted, in compose and Kubernetes alike. */
export const PROXY_CONFIG_DIR = '/etc/squid';
export const ALLOWLIST_FILE = 'allowlist.txt';
export const SQUID_CONF_FILE = 'squid.conf';

/** Private, loopback, link-local (cloud metadata) and unique-local ranges the proxy never connects to. */
export const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

/**
 * The proxy's allow-list: one host per line, `.example.com` for a domain and
 * its subdomains. The same list as the `mcp-security.io/egress-allowlist`
 * annotation, so a reviewer can compare the two line by line.
 */
export function renderAllowlist(plan: DeploymentPlan): RenderedFile {
  const lines = [
    ...provenance(plan).map(line => `# ${line}`),
    '# Hosts the server may reach through the egress proxy; everything else is denied and logged.',
    ...(plan.egressHosts.length === 0
      ? [
          '# (none declared: the proxy denies every request until hosts are listed here)',
        ]
      : []),
    ...plan.rejectedEgress.map(
      entry => `# left out, not a host name: ${entry.replace(/[\r\n]+/g, ' ')}`,
    ),
    ...plan.egressHosts,
  ];
  return {
    path: `egress-proxy/${ALLOWLIST_FILE}`,
    content: `${lines.join('\n')}\n`,
  };
}

/**
 * A squid configuration that forwards only to the allow-listed hosts, only
 * on the allowed ports, never to private or metadata addresses (so an
 * allowed name resolving to an internal address gets nowhere), caches
 * nothing, and logs every request, denied ones included, to stdout.
 */
export function renderSquidConf(plan: DeploymentPlan): RenderedFile {
  const allow = plan.egressHosts.length > 0;
  const lines = [
    ...provenance(plan).map(line => `# ${line}`),
    `http_port ${PROXY_PORT}`,
    '',
    `acl mcp_ports port ${plan.egressPorts.join(' ')}`,
    'acl SSL_ports port 443',
    'acl CONNECT method CONNECT',
    `acl private_destinations dst ${PRIVATE_RANGES.join(' ')}`,
    ...(allow
      ? [`acl mcp_allowed dstdomain "${PROXY_CONFIG_DIR}/${ALLOWLIST_FILE}"`]
      : ['# No hosts are allow-listed: every request is denied.']),
    '',
    'http_access deny !mcp_ports',
    'http_access deny CONNECT !SSL_ports',
    'http_access deny private_destinations',
    ...(allow ? ['http_access allow mcp_allowed'] : []),
    'http_access deny all',
    '',
    '# A forwarding proxy only: no cache, no disk, logs to the container output.',
    'cache deny all',
    'cache_mem 0 MB',
    'pid_filename none',
    'logfile_rotate 0',
    'access_log stdio:/dev/stdout squid',
    'cache_log /dev/stderr',
    'coredump_dir /tmp',
    'via off',
    'forwarded_for delete',
  ];
  return {
    path: `egress-proxy/${SQUID_CONF_FILE}`,
    content: `${lines.join('\n')}\n`,
  };
}
