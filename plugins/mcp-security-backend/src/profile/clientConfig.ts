import { InputError } from '@backstage/errors';
import { Finding } from '@mcp-server-operator/plugin-mcp-security-common';

const SECRET_NAME =
  /(token|secret|passw(or)?d|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth)/i;
/** `${env:X}`, `${input:x}`, `$X`: a value the client resolves at launch, not a stored secret. */
const REFERENCE = /^\$\{?[A-Za-z_][\w:.-]*\}?$|\$\{(env|input):/;

interface ClientServer {
  type?: unknown;
  command?: unknown;
  args?: unknown;
  env?: unknown;
  url?: unknown;
  headers?: unknown;
}

export interface ClientConfigServer {
  name: string;
  remotes: { type: string; url: string }[];
  findings: Finding[];
}

const quote = (arg: string) =>
  /[\s"']/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg;

function literalSecrets(
  values: unknown,
  field: string,
  what: string,
): Finding[] {
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values as Record<string, unknown>)
    .filter(
      ([key, value]) =>
        SECRET_NAME.test(key) &&
        typeof value === 'string' &&
        value !== '' &&
        !REFERENCE.test(value),
    )
    .map(([key]) => ({
      id: `client-config-literal-secret:${key}`,
      source: 'import',
      severity: 'high',
      field: `${field}.${key}`,
      message: `the ${what} "${key}" is stored in plain text in the client configuration; reference it from the environment or a secret store (e.g. \${env:${key}}).`,
    }));
}

/** A launch command's arguments: an array of strings, as every client writes them. */
function launchArguments(args: unknown, field: string): string[] {
  if (args === undefined) return [];
  if (!Array.isArray(args)) {
    throw new InputError(`${field} must be an array of strings`);
  }
  const bad = args.findIndex(arg => typeof arg !== 'string');
  if (bad >= 0) {
    throw new InputError(`${field}[${bad}] must be a string`);
  }
  return args;
}

/**
 * Reads one server from an MCP client configuration: Claude Desktop and
 * Cursor (`mcpServers`) or VS Code (`servers`). Launch commands become stdio
 * remotes, as in the catalog; nothing is run or fetched.
 */
export function serverFromClientConfig(
  config: Record<string, unknown>,
  serverName?: string,
): ClientConfigServer {
  const key = 'mcpServers' in config ? 'mcpServers' : 'servers';
  const servers = config[key];
  if (!servers || typeof servers !== 'object' || Array.isArray(servers)) {
    throw new InputError(
      'clientConfig must have "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) as an object of servers',
    );
  }
  const names = Object.keys(servers);
  if (names.length === 0) {
    throw new InputError(`clientConfig.${key} lists no servers`);
  }
  let name = serverName;
  if (name === undefined) {
    if (names.length > 1) {
      throw new InputError(
        `clientConfig.${key} lists several servers (${names.join(
          ', ',
        )}); choose one with serverName`,
      );
    }
    name = names[0];
  } else if (!names.includes(name)) {
    throw new InputError(
      `serverName "${name}" is not in clientConfig.${key} (${names.join(
        ', ',
      )})`,
    );
  }
  const server = (servers as Record<string, ClientServer>)[name];
  const field = `clientConfig.${key}.${name}`;
  if (!server || typeof server !== 'object') {
    throw new InputError(`${field} must be an object`);
  }

  const remotes: ClientConfigServer['remotes'] = [];
  if (typeof server.command === 'string') {
    const args = launchArguments(server.args, `${field}.args`);
    remotes.push({
      type: 'stdio',
      url: [server.command, ...args].map(quote).join(' '),
    });
  } else if (typeof server.url === 'string') {
    remotes.push({
      type: server.type === 'sse' ? 'sse' : 'streamable-http',
      url: server.url,
    });
  } else {
    throw new InputError(
      `${field} needs a "command" (stdio) or a "url" (HTTP)`,
    );
  }
  return {
    name,
    remotes,
    findings: [
      ...literalSecrets(server.env, `${field}.env`, 'environment variable'),
      ...literalSecrets(server.headers, `${field}.headers`, 'header'),
    ],
  };
}
