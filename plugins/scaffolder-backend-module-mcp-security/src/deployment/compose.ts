import { hasWrittenDefault, LaunchSetting, LaunchWord } from './launch';
import {
  DeploymentPlan,
  PROXY_IMAGE,
  PROXY_PORT,
  PROXY_UID,
  SERVER_UID,
} from './plan';
import {
  ALLOWLIST_FILE,
  PROXY_CONFIG_DIR,
  SQUID_CONF_FILE,
  SQUID_SCRATCH_DIRS,
} from './proxyAllowlist';
import { provenance, RenderedFile, yamlDocuments } from './text';

export const PROXY_SERVICE = 'egress-proxy';
const INTERNAL_NETWORK = 'mcp-internal';
const EGRESS_NETWORK = 'egress';

/**
 * Environment variables that send the server's outbound HTTP(S) through the
 * proxy. NODE_USE_ENV_PROXY makes Node.js (22.21 and later) use them for
 * fetch() and its http(s) modules too, which it otherwise ignores; other
 * runtimes ignore it.
 */
export function proxyEnvironment(proxyHost: string): Record<string, string> {
  const url = `http://${proxyHost}:${PROXY_PORT}`;
  return {
    NODE_USE_ENV_PROXY: '1',
    HTTP_PROXY: url,
    HTTPS_PROXY: url,
    http_proxy: url,
    https_proxy: url,
    NO_PROXY: 'localhost,127.0.0.1',
    no_proxy: 'localhost,127.0.0.1',
  };
}

const HARDENING = {
  read_only: true,
  cap_drop: ['ALL'],
  security_opt: ['no-new-privileges:true'],
};

/**
 * Whether the server's capabilities need a data folder, and whether it may
 * write there. None when its arguments name the folders it uses: they are
 * mounted instead (`plan.launch.mounts`).
 */
export function dataMount(
  plan: DeploymentPlan,
): { readOnly: boolean } | undefined {
  if (plan.launch.mounts.length > 0) return undefined;
  const caps = plan.facts.capabilities;
  if (caps.includes('filesystem-write')) return { readOnly: false };
  if (caps.includes('filesystem-read')) return { readOnly: true };
  return undefined;
}

/**
 * Compose interpolation that refuses to start without the variable. The
 * message keeps to characters that cannot end or nest the interpolation.
 */
function requiredVariable(name: string, what = `set ${name}`): string {
  return `\${${name}:?${what.replace(/[^\w .,/:@-]/g, '')} (see RUNBOOK.md)}`;
}

/** A literal for compose, where `$` starts interpolation. */
function composeLiteral(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/**
 * A setting in the server's `environment:`, never with a secret's value: a
 * required or secret one is interpolated from the shell or `.env` when
 * compose starts (and compose refuses to start without a required one), an
 * optional secret is passed through only if set, and any other keeps its
 * default, which the operator can override the same way.
 */
function composeSetting(setting: LaunchSetting): string | null {
  if (hasWrittenDefault(setting)) {
    return `\${${setting.name}:-${composeLiteral(setting.default)}}`;
  }
  if (setting.isRequired) return requiredVariable(setting.name);
  return null;
}

function composeWord(word: LaunchWord): string {
  return 'literal' in word
    ? composeLiteral(word.literal)
    : requiredVariable(word.setting);
}

/** The compose file as a plain object, before serialisation (validated against the compose schema). */
export function composeModel(plan: DeploymentPlan): Record<string, unknown> {
  const { run, limits, launch } = plan;
  if (run.kind === 'remote') {
    throw new Error(
      'a compose file is rendered only for a server that runs in a container',
    );
  }
  const stdio = plan.transport === 'stdio';
  const data = dataMount(plan);
  const server: Record<string, unknown> = {
    ...(run.kind === 'image'
      ? { image: run.image }
      : {
          image: run.image,
          build: { context: '.', dockerfile: 'Dockerfile' },
          // Built here, never pulled: no registry is asked for the name.
          pull_policy: 'build',
        }),
    user: `${SERVER_UID}:${SERVER_UID}`,
    ...HARDENING,
    tmpfs: [`/tmp:size=${limits.tmpSizeBytes},noexec,nosuid,nodev`],
    init: true,
    deploy: {
      resources: {
        limits: {
          cpus: limits.composeCpus,
          memory: limits.composeMemory,
          pids: limits.pids,
        },
      },
    },
    ...(launch.args.length > 0
      ? { command: launch.args.map(composeWord) }
      : {}),
    networks: [INTERNAL_NETWORK],
    environment: {
      ...Object.fromEntries(
        launch.settings
          .filter(s => !s.argument)
          .map(s => [s.name, composeSetting(s)]),
      ),
      // Last, so that nothing overrides the way out (launchOf refuses these names too).
      ...proxyEnvironment(PROXY_SERVICE),
    },
    env_file: [{ path: `${plan.name}.env`, required: false }],
    depends_on: { [PROXY_SERVICE]: { condition: 'service_started' } },
    labels: {
      'mcp-security.io/risk-level': plan.riskLevel,
      'mcp-security.io/trust-tier': plan.trustTier,
      ...(plan.entityRef
        ? { 'backstage.io/entity-ref': composeLiteral(plan.entityRef) }
        : {}),
    },
    ...(data || launch.mounts.length > 0
      ? {
          volumes: [
            ...(data
              ? [
                  {
                    type: 'bind',
                    source: './data',
                    target: '/data',
                    read_only: data.readOnly,
                  },
                ]
              : []),
            ...launch.mounts.map(mount => ({
              type: 'bind',
              // Always set by the operator: a server.json's suggestion is only in the runbook.
              source: requiredVariable(
                mount.hostVariable,
                `set ${mount.hostVariable} to the host path for ${mount.argument}`,
              ),
              target: mount.containerPath,
              read_only: mount.readOnly,
            })),
          ],
        }
      : {}),
    ...(stdio
      ? { stdin_open: true, profiles: ['client'] }
      : { restart: 'unless-stopped', expose: [String(plan.port)] }),
  };
  const proxy = {
    image: PROXY_IMAGE,
    user: `${PROXY_UID}:${PROXY_UID}`,
    entrypoint: ['squid'],
    command: ['-N', '-f', `${PROXY_CONFIG_DIR}/${SQUID_CONF_FILE}`],
    ...HARDENING,
    tmpfs: Object.values(SQUID_SCRATCH_DIRS),
    deploy: {
      resources: { limits: { cpus: '0.5', memory: '256m', pids: 256 } },
    },
    networks: [INTERNAL_NETWORK, EGRESS_NETWORK],
    volumes: [SQUID_CONF_FILE, ALLOWLIST_FILE].map(file => ({
      type: 'bind',
      source: `./egress-proxy/${file}`,
      target: `${PROXY_CONFIG_DIR}/${file}`,
      read_only: true,
    })),
    restart: 'unless-stopped',
  };
  return {
    name: `mcp-${plan.name}`,
    services: { [plan.name]: server, [PROXY_SERVICE]: proxy },
    networks: {
      [INTERNAL_NETWORK]: { internal: true },
      [EGRESS_NETWORK]: {},
    },
  };
}

function composeSettingsComment(plan: DeploymentPlan): string[] {
  const { settings, mounts } = plan.launch;
  const environment = settings.filter(s => !s.argument);
  const needed = [
    ...settings
      .filter(s => s.isRequired && !hasWrittenDefault(s))
      .map(s => s.name),
    ...mounts.map(m => m.hostVariable),
  ];
  const passedOn = environment
    .filter(s => composeSetting(s) === null)
    .map(s => s.name);
  return [
    ...(needed.length > 0
      ? [
          `Set ${needed.join(
            ', ',
          )} in the shell or in .env beside this file before any \`docker compose\`:`,
          `compose refuses to start without ${
            needed.length > 1 ? 'them' : 'it'
          }. Defaults written \${NAME:-default} can be overridden the same way.`,
        ]
      : []),
    ...(passedOn.length > 0
      ? [
          `${passedOn.join(
            ', ',
          )}: optional, passed on only when set in the shell or in .env.`,
        ]
      : []),
    `No secret is written here: keep .env and ${plan.name}.env (other settings the server reads) out of version control,`,
    'and secrets out of arguments. See RUNBOOK.md.',
  ];
}

function composeComment(plan: DeploymentPlan): string[] {
  const lines = [
    ...provenance(plan),
    '',
    `${plan.name} sits on the internal network "${INTERNAL_NETWORK}" with no route out; it reaches`,
    `the hosts in egress-proxy/${ALLOWLIST_FILE} through ${PROXY_SERVICE}, which denies and logs the rest.`,
    ...composeSettingsComment(plan),
  ];
  if (plan.transport === 'stdio') {
    lines.push(
      '',
      'A stdio server is started by its client. Start the proxy once, then let the client run:',
      `  docker compose up -d ${PROXY_SERVICE}`,
      `  docker compose -f <this file> run --rm -T ${plan.name}`,
    );
  } else {
    lines.push(
      '',
      `The server listens on port ${plan.port} on "${INTERNAL_NETWORK}" only and publishes no port:`,
      `attach an authenticating gateway to "${INTERNAL_NETWORK}" and publish the gateway, never the server.`,
    );
  }
  if (plan.facts.exposure === 'internet') {
    lines.push(
      'Exposure is internet: clients must reach it only through a gateway that authenticates every request.',
    );
  }
  return lines;
}

/** The compose file of `model`, the plan's composeModel, with its comment. */
export function renderCompose(
  plan: DeploymentPlan,
  model: Record<string, unknown>,
): RenderedFile {
  return {
    path: 'compose.yaml',
    content: yamlDocuments([{ value: model, comment: composeComment(plan) }]),
  };
}
