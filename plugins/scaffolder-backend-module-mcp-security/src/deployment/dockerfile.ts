import { shellQuote, shellWord } from './launch';
import {
  BRIDGE_ENTRYPOINT,
  DeploymentPlan,
  identifierProblem,
  SERVER_UID,
} from './plan';
import { hashComment, provenance, RenderedFile } from './text';

/**
 * A shell step linking the first bin of an installed package to `link`. The
 * script is fixed: the package name and the link reach it as arguments
 * (`process.argv`), never as part of its text.
 */
function linkBin(packageName: string, link: string): string {
  const script = [
    'const [name, link] = process.argv.slice(1);',
    'const path = require("path");',
    'const dir = path.join("/app/node_modules", name);',
    'const p = require(path.join(dir, "package.json"));',
    'const bin = typeof p.bin === "string" ? p.bin : Object.values(p.bin || {})[0];',
    'if (!bin) throw new Error(name + " declares no bin");',
    'require("fs").symlinkSync(path.join(dir, bin), link);',
  ].join(' ');
  return `node -e '${script}' ${shellQuote(packageName)} ${shellQuote(link)}`;
}

/** A Dockerfile exec form (`["node", "/app/server"]`): JSON, so no word can end the array. */
function execForm(words: string[]): string {
  return `[${words.map(w => JSON.stringify(w)).join(', ')}]`;
}

/**
 * A two-stage Dockerfile for an npm or PyPI server: the build stage installs
 * the exact package version without install scripts, the runtime stage holds
 * only the runtime and the installed package, owned by root and run as an
 * unprivileged user, with no package manager left to fetch anything at run
 * time. The base image is pinned by exact tag; its digest is not known here,
 * so the file says how to pin it rather than inventing one.
 *
 * A stdio npm server's image also carries the stdio-to-HTTP bridge
 * (supergateway, exact version, installed the same way), linked at
 * /app/bridge: compose still runs /app/server over stdio, the Kubernetes
 * Deployment runs the bridge, which starts /app/server per session.
 */
export function renderDockerfile(plan: DeploymentPlan): RenderedFile {
  const { run } = plan;
  if (run.kind !== 'npm' && run.kind !== 'pypi') {
    throw new Error(`a Dockerfile is rendered only for npm and PyPI packages`);
  }
  // The plan has checked it already; it goes into shell commands below.
  const problem = identifierProblem(run.kind, run.packageName);
  if (problem) {
    throw new Error(`${JSON.stringify(run.packageName)} ${problem}`);
  }
  const header = [
    '# syntax=docker/dockerfile:1',
    ...provenance(plan).map(hashComment),
    `# Base image pinned by exact tag; pin its digest after review (see RUNBOOK.md):`,
    `#   docker buildx imagetools inspect ${run.baseImage}`,
    `#   then write FROM ${run.baseImage}@sha256:<digest> in both stages.`,
  ];
  const versionLines = run.version
    ? []
    : [
        hashComment(
          `The server.json gives no exact version (${
            run.declaredVersion ?? 'none'
          }): the build refuses to run until one is chosen,`,
        ),
        `#   docker build --build-arg PACKAGE_VERSION=<exact version> .`,
        'ARG PACKAGE_VERSION',
        `RUN echo "$PACKAGE_VERSION" | grep -Eq '^v?[0-9]+(\\.[0-9]+)*([-+][0-9A-Za-z.-]+)?$' \\`,
        `    || { echo "set --build-arg PACKAGE_VERSION to an exact version" >&2; exit 1; }`,
      ];
  const version = run.version ?? '$PACKAGE_VERSION';
  const user = [
    `RUN groupadd --system --gid ${SERVER_UID} mcp \\`,
    ` && useradd --system --uid ${SERVER_UID} --gid mcp --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mcp`,
  ];
  const { bridge } = plan;
  const packages = [
    `"${run.packageName}@${version}"`,
    ...(bridge ? [`"${bridge.packageName}@${bridge.version}"`] : []),
  ].join(' ');
  const links: [string, string][] = [
    [run.packageName, '/app/server'],
    ...(bridge
      ? [[bridge.packageName, BRIDGE_ENTRYPOINT] as [string, string]]
      : []),
  ];
  const bridgeComment = bridge
    ? [
        `# ${bridge.packageName}@${bridge.version} is the stdio-to-HTTP bridge for Kubernetes (kubernetes/mcp-server.yaml):`,
        hashComment(
          `it listens on port ${bridge.port}, serves Streamable HTTP at ${bridge.path} and starts \`${bridge.stdioCommand}\``,
        ),
        '# for each MCP session. Compose ignores it and runs the server over stdio. See RUNBOOK.md.',
      ]
    : [];
  // The image takes no arguments of its own: those of the server.json are
  // given where it is started, with the settings they need.
  const argumentsComment =
    plan.launch.args.length > 0
      ? [
          hashComment(
            `compose.yaml and the manifests start it with the server.json's arguments: ${plan.launch.args
              .map(shellWord)
              .join(' ')}`,
          ),
        ]
      : [];
  const body =
    run.kind === 'npm'
      ? [
          `FROM ${run.baseImage} AS build`,
          ...versionLines,
          'WORKDIR /app',
          '# Exact versions, no install scripts: a compromised release cannot run code while it is installed.',
          '# Remove --ignore-scripts only for a package that needs its scripts, after reading them.',
          ...bridgeComment,
          `RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund --save-exact ${packages} \\`,
          ` && npm audit signatures \\`,
          ...links.map(
            ([pkg, link], i) =>
              ` && ${linkBin(pkg, link)}${i < links.length - 1 ? ' \\' : ''}`,
          ),
          '',
          `FROM ${run.baseImage}`,
          '# No package manager at run time: the server cannot install or update code.',
          'RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \\',
          '    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack',
          ...user,
          '# NODE_USE_ENV_PROXY=1: fetch() and http(s) requests use HTTP(S)_PROXY, the egress proxy (Node.js 22.21 and later).',
          'ENV NODE_ENV=production HOME=/tmp NODE_USE_ENV_PROXY=1',
          'WORKDIR /app',
          '# Owned by root and not writable by the server user.',
          'COPY --from=build /app /app',
          `USER ${SERVER_UID}:${SERVER_UID}`,
          ...(bridge
            ? [
                `# The server over stdio; the Kubernetes Deployment runs node ${BRIDGE_ENTRYPOINT} instead.`,
              ]
            : []),
          ...argumentsComment,
          `ENTRYPOINT ${execForm(['node', '/app/server'])}`,
        ]
      : [
          `FROM ${run.baseImage} AS build`,
          ...versionLines,
          'ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1',
          '# Exact version in a virtual environment; for hash-checked installs see RUNBOOK.md.',
          `RUN python -m venv /opt/venv \\`,
          ` && /opt/venv/bin/pip install "${run.packageName}==${version}" \\`,
          ' && /opt/venv/bin/pip uninstall --yes pip',
          '',
          `FROM ${run.baseImage}`,
          '# No package manager at run time: the server cannot install or update code.',
          'RUN pip uninstall --yes --root-user-action=ignore pip setuptools wheel || true',
          ...user,
          'ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HOME=/tmp',
          '# Owned by root and not writable by the server user.',
          'COPY --from=build /opt/venv /opt/venv',
          `USER ${SERVER_UID}:${SERVER_UID}`,
          '# uvx runs the console script named like the package; change it if the package names it otherwise.',
          ...argumentsComment,
          `ENTRYPOINT ${execForm([`/opt/venv/bin/${run.packageName}`])}`,
        ];
  return {
    path: 'Dockerfile',
    content: `${[...header, '', ...body].join('\n')}\n`,
  };
}
