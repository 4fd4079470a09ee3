import { DeploymentPlan, PROXY_PORT } from './plan';
import { hashComment, provenance, RenderedFile } from './text';

/** Where the proxy's configuration is mounted, in compose and Kubernetes alike. */
export const PROXY_CONFIG_DIR = '/etc/squid';
export const ALLOWLIST_FILE = 'allowlist.txt';
export const SQUID_CONF_FILE = 'squid.conf';
/** The folders squid writes to on a read-only root, each a scratch volume, by volume name. */
export const SQUID_SCRATCH_DIRS = {
  tmp: '/tmp',
  run: '/var/run/squid',
  spool: '/var/spool/squid',
  log: '/var/log/squid',
} as const;

/**
 * IPv4 destinations the proxy never connects to: "this network" (0.0.0.0/8,
 * which reaches the host itself), private, shared (carrier-grade NAT),
 * loopback, link-local (cloud metadata), benchmarking, multicast and
 * reserved ranges, the broadcast address among them.
 */
export const PRIVATE_IPV4_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
] as const;

/**
 * IPv6 destinations the proxy never connects to: the unspecified and
 * loopback addresses, NAT64 (64:ff9b::/96, which reaches any IPv4 address,
 * private ones too), unique-local, link-local and multicast ranges.
 */
const IPV6_RANGES = [
  '::/128',
  '::1/128',
  '64:ff9b::/96',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
] as const;

/**
 * IPv4-mapped IPv6 addresses (::ffff:10.0.0.1 is 10.0.0.1). Squid holds every
 * IPv4 address in this form and matches it against the IPv4 ranges, so an
 * ACL for the whole range would deny every IPv4 destination: it goes only
 * into the Kubernetes policy, whose IPv6 block must not reach them.
 */
const IPV4_MAPPED = '::ffff:0:0/96';

/** IPv6 ranges the Kubernetes egress policy leaves out of `::/0`. */
export const PRIVATE_IPV6_RANGES = [...IPV6_RANGES, IPV4_MAPPED] as const;

/** The ranges squid's `private_destinations` ACL denies. */
export const SQUID_PRIVATE_RANGES = [...PRIVATE_IPV4_RANGES, ...IPV6_RANGES];

/**
 * The proxy's allow-list: one host per line, `.example.com` for a domain and
 * its subdomains. The same list as the `mcp-security.io/egress-allowlist`
 * annotation, so a reviewer can compare the two line by line.
 */
export function renderAllowlist(plan: DeploymentPlan): RenderedFile {
  const lines = [
    ...provenance(plan).map(hashComment),
    '# Hosts the server may reach through the egress proxy; everything else is denied and logged.',
    ...(plan.egressHosts.length === 0
      ? [
          '# (none declared: the proxy denies every request until hosts are listed here)',
        ]
      : []),
    ...plan.rejectedEgress.map(entry =>
      hashComment(`left out, not a host name: ${entry}`),
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
    ...provenance(plan).map(hashComment),
    `http_port ${PROXY_PORT}`,
    '',
    `acl mcp_ports port ${plan.egressPorts.join(' ')}`,
    'acl SSL_ports port 443',
    'acl CONNECT method CONNECT',
    `acl private_destinations dst ${SQUID_PRIVATE_RANGES.join(' ')}`,
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
