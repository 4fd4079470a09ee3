import {
  cadenceSchema,
  isOpenRecommendation,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { PROXY_SERVICE } from './compose';
import { GATEWAY_LABEL, proxyName, secretName } from './kubernetes';
import { hasWrittenDefault, shellWord } from './launch';
import {
  DeploymentPlan,
  DeploymentTarget,
  isSensitive,
  StdioBridge,
} from './plan';
import { ALLOWLIST_FILE } from './proxyAllowlist';
import { RuleFile } from './prometheusRules';
import { inlineCode, oneLine, RenderedFile } from './text';

function humanise(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function runsAs(plan: DeploymentPlan): string {
  const { run } = plan;
  if (run.kind === 'remote') return 'remote run by its publisher';
  if (run.kind === 'image') return `image \`${run.image}\``;
  return `${run.kind} package \`${run.packageName}\` in \`${run.image}\``;
}

/**
 * What is not in place yet: each with why it matters and the command that
 * fixes it. `targets` says what was rendered: a stdio server on Kubernetes
 * listens through its bridge, and so needs client authentication too.
 */
export function knownGaps(
  plan: DeploymentPlan,
  targets: DeploymentTarget[] = [],
): string[] {
  const gaps: string[] = [];
  const { run } = plan;
  if (run.kind === 'npm' || run.kind === 'pypi') {
    gaps.push(
      `**Base image pinned by tag, not digest** (\`${run.baseImage}\`): a tag can be moved. Pull it, review it, then pin the digest in both \`FROM\` lines: \`docker buildx imagetools inspect ${run.baseImage}\` prints \`Digest: sha256:…\`; write \`FROM ${run.baseImage}@sha256:<digest>\`.`,
    );
    if (!run.version) {
      gaps.push(
        `**No exact package version**: the server.json gives ${
          run.declaredVersion ? `\`${run.declaredVersion}\`` : 'none'
        }. The build refuses to run without \`--build-arg PACKAGE_VERSION=<exact version>\`; record the version you reviewed in the server.json.`,
      );
    }
    gaps.push(
      run.kind === 'npm'
        ? `**Dependencies resolved at build time**: only the server package${
            plan.bridge ? ` and ${plan.bridge.packageName} are` : ' is'
          } pinned. Commit a \`package-lock.json\` and build with \`npm ci\` to pin the whole tree.`
        : '**Dependencies resolved at build time**: only the server package is pinned. Lock the tree with hashes (`uv pip compile --generate-hashes`) and install with `pip install --require-hashes --no-deps -r requirements.txt`.',
    );
    gaps.push(
      `**Image not in a registry yet**: build it (\`docker build -t ${run.image} .\`), push it to your registry and pin the pushed digest in the compose file and manifests.`,
    );
  }
  if (run.kind === 'image' && !run.digestPinned) {
    gaps.push(
      `**Image pinned by ${
        run.tagPinned ? 'tag' : 'nothing'
      }, not digest** (\`${
        run.image
      }\`): its publisher can move it. Pin the digest: \`docker buildx imagetools inspect ${
        run.image
      }\` prints \`Digest: sha256:…\`; use \`${run.image.replace(
        /:[^/:]+$/,
        '',
      )}@sha256:<digest>\` in compose.yaml and the manifests, and in the server.json.`,
    );
  }
  if (plan.egressHosts.length === 0) {
    gaps.push(
      `**No egress allow-list**: the proxy denies every outbound request. Declare the hosts the server needs in the \`mcp-security.io/egress-allowlist\` annotation and in \`egress-proxy/${ALLOWLIST_FILE}\`.`,
    );
  }
  if (plan.rejectedEgress.length > 0) {
    gaps.push(
      `**Allow-list entries left out**, each with why: ${plan.rejectedEgress
        .map(inlineCode)
        .join(
          ', ',
        )}. List host names only; \`.example.com\` allows a domain and its subdomains. The proxy never connects to private, loopback or metadata addresses, whatever name they have.`,
    );
  }
  for (const secret of plan.secretsInArguments) {
    gaps.push(
      `**Secret on the command line** (\`${secret}\`): other processes can read it. Pass it as an environment variable from \`${
        plan.name
      }.env\` or the \`${secretName(plan)}\` Secret instead.`,
    );
  }
  if (plan.facts.exposure === 'internet') {
    gaps.push(
      '**Reachable from the internet**: it must sit behind an API gateway that authenticates every request (OAuth 2.1 or mTLS), rate-limits and logs each tool call. Never publish the server itself.',
    );
  }
  const bridged = !!plan.bridge && targets.includes('kubernetes');
  if (
    (plan.transport !== 'stdio' || bridged) &&
    (plan.facts.auth === 'none' || plan.facts.auth === 'unknown')
  ) {
    gaps.push(
      `**No client authentication declared** (auth: ${
        plan.facts.auth
      }) on a network transport${
        bridged
          ? ` (the ${plan.bridge!.packageName} bridge authenticates no one)`
          : ''
      }: enforce it at the gateway and declare it with \`mcp-security.io/auth\`.`,
    );
  }
  const unknownFacts = (
    [
      'deploymentContext',
      'exposure',
      'dataClassification',
      'isolation',
      'auth',
    ] as const
  ).filter(fact => plan.facts[fact] === 'unknown');
  if (unknownFacts.length > 0) {
    gaps.push(
      `**Undeclared facts** (${unknownFacts.join(
        ', ',
      )}): the assessment assumed the worst. Declare them on the catalog entity.`,
    );
  }
  return gaps;
}

function incidentSteps(plan: DeploymentPlan, namespace?: string): string[] {
  const contain =
    plan.run.kind === 'remote'
      ? 'Remove the server from every client configuration, and empty the allow-list so the proxy refuses the remote.'
      : `Stop the server: \`docker compose stop ${plan.name}\`${
          namespace
            ? ` or \`kubectl -n ${namespace} scale deployment/${plan.name} --replicas=0\``
            : ''
        }; remove it from the client configurations that start it.`;
  const steps = [
    `**Contain.** ${contain}`,
    `**Preserve evidence before it rotates.** Save the proxy log (\`docker compose logs --no-color ${PROXY_SERVICE}\`${
      namespace
        ? ` or \`kubectl -n ${namespace} logs deployment/${proxyName(plan)}\``
        : ''
    }), the server's logs, the gateway's tool-call log and the image digest that ran.`,
    `**Revoke and rotate** every credential the server held (\`.env\`, \`${
      plan.name
    }.env\`${
      namespace ? `, the \`${secretName(plan)}\` Secret` : ''
    }), at the provider, not only in the file.`,
    '**Notify** the owning team and the security on-call; open an emergency change request on the entity in Backstage and link the evidence.',
  ];
  const caps = plan.facts.capabilities;
  if (caps.includes('financial-transactions')) {
    steps.push(
      '**Money moved?** Reconcile transactions made through the server since the last known-good time with the provider, and freeze further payouts or refunds until reviewed.',
    );
  }
  if (caps.includes('database-write') || caps.includes('filesystem-write')) {
    steps.push(
      '**Data changed?** Compare what the server could write (database audit log, the mounted data folder) with the last backup before restoring service.',
    );
  }
  if (caps.includes('cloud-admin') || caps.includes('credentials-access')) {
    steps.push(
      "**Cloud access?** Review the cloud provider's audit trail for actions made with the server's credentials and revert unknown changes.",
    );
  }
  if (isSensitive(plan)) {
    steps.push(
      `**${plan.facts.dataClassification} data**: involve the data protection lead at once; regulated data may carry notification deadlines.`,
    );
  }
  steps.push(
    '**Recover** only from the pinned, reviewed image and this configuration, and confirm the alerts stay quiet before reopening access.',
  );
  return steps;
}

/** How a stdio server runs on Kubernetes: behind the bridge, and what that changes. */
function bridgeSection(
  plan: DeploymentPlan,
  bridge: StdioBridge,
  namespace: string,
): string[] {
  const url = `http://${plan.name}.${namespace}.svc:${bridge.port}${bridge.path}`;
  return [
    '## The stdio-to-HTTP bridge on Kubernetes',
    '',
    `${plan.title} speaks stdio, so on Kubernetes it runs behind \`${bridge.packageName}@${bridge.version}\`, installed at`,
    'that exact version in the same image (no install scripts) and linked at `/app/bridge`. Compose does not use',
    'it: there the client still starts the server over stdio.',
    '',
    `- The Deployment runs \`${[
      ...bridge.command,
      ...bridge.args.map(a => (/\s/.test(a) ? `"${a}"` : a)),
    ].join(' ')}\`.`,
    `- The gateway reaches it at \`${url}\` (Streamable HTTP); the NetworkPolicy lets in only the gateway.`,
    `- Each MCP session starts its own \`${
      bridge.stdioCommand
    }\` process (\`--stateful\`), ended ${
      bridge.sessionTimeoutMs / 60_000
    } minutes after the session falls idle; clients on MCP 2026-07-28 get one per request instead. All of them share the pod's limits: ${
      plan.limits.pids
    } processes, ${plan.limits.memory} memory.`,
    `- The probes ask \`GET ${bridge.healthPath}\`, which the bridge answers \`ok\` while it runs; it does not start the server. A server that fails on start shows as failed tool calls (\`McpServerToolErrors\`) and in the pod's log.`,
    plan.launch.args.length > 0
      ? `- **The server's arguments** from its server.json are in the \`--stdio\` command${
          plan.launch.args.some(word => 'setting' in word)
            ? '; /bin/sh expands the settings in it (`"$NAME"`) from the container\'s environment'
            : ''
        }.`
      : "- **The server's arguments**: its server.json declares none; any you add go inside the `--stdio` command.",
    `- The bridge authenticates no one and keeps no audit log of tool calls: both stay the gateway's job.`,
    '',
  ];
}

/** What the server is started with and what the operator must provide: settings, secrets, folders. */
function settingsSection(
  plan: DeploymentPlan,
  targets: DeploymentTarget[],
  namespace?: string,
): string[] {
  const { launch } = plan;
  const compose = targets.includes('compose');
  const kubernetes = targets.includes('kubernetes') && !!namespace;
  const lines = ['## Arguments, settings and secrets', ''];
  if (
    launch.args.length === 0 &&
    launch.settings.length === 0 &&
    launch.optionalArguments.length === 0
  ) {
    return [
      ...lines,
      'The server.json declares no arguments and no environment variables; the server starts without any.',
      '',
    ];
  }
  lines.push(
    `From the server.json of \`${plan.serverName}\`. No value of a secret is written in these files.`,
    '',
  );
  const where = [
    ...(compose ? ["compose.yaml's `command:`"] : []),
    ...(kubernetes
      ? [
          plan.bridge
            ? "the bridge's `--stdio` command in `kubernetes/mcp-server.yaml`"
            : "the container's `args:` in `kubernetes/mcp-server.yaml`",
        ]
      : []),
  ];
  if (launch.args.length > 0) {
    lines.push(
      `- **Arguments**: \`${launch.args.map(shellWord).join(' ')}\`${
        where.length ? `, in ${where.join(' and ')}` : ''
      }.`,
    );
  }
  for (const mount of launch.mounts) {
    const host = [
      ...(compose
        ? [
            `compose binds the host path in \`${
              mount.hostVariable
            }\`, which you must set${
              mount.hostSuggestion !== undefined
                ? ` (the server.json suggests ${inlineCode(
                    mount.hostSuggestion,
                  )}: check what it is before you use it, and never give it \`/\`, a home folder or the Docker socket)`
                : ''
            }`,
          ]
        : []),
      ...(kubernetes
        ? [
            `on Kubernetes it is the PersistentVolumeClaim \`${plan.name}-${mount.volume}\`, which you create on the data it may use`,
          ]
        : []),
    ];
    lines.push(
      `- **${mount.argument}** is a path: the server is given \`${
        mount.containerPath
      }\`, mounted ${
        mount.readOnly
          ? 'read-only (the server may not write files)'
          : 'read-write (the server may write files)'
      }${host.length ? `; ${host.join('; ')}` : ''}.${
        mount.isRepeated
          ? ' It may be given more than once: mount each further path under `/data` and add it to the arguments.'
          : ''
      }`,
    );
  }
  if (launch.optionalArguments.length > 0) {
    lines.push(
      `- **Optional arguments left out**: ${launch.optionalArguments
        .map(inlineCode)
        .join(
          ', ',
        )}. Add one to the arguments only when needed, never with a secret in it.`,
    );
  }
  const gap = launch.positionalGap;
  if (gap && gap.notPassed.length > 0) {
    lines.push(
      `- **Positional arguments not passed**: ${gap.notPassed
        .map(inlineCode)
        .join(', ')} come after ${inlineCode(
        gap.after,
      )}, an optional positional argument that is left out: passed without it, each would take the place of the one before it. Add them only together with ${inlineCode(
        gap.after,
      )}, in order.`,
    );
  }
  if (launch.settings.length > 0) {
    if (lines[lines.length - 1] !== '') lines.push('');
    lines.push(
      '| variable | secret | required | default | what it is |',
      '|---|---|---|---|---|',
      ...launch.settings.map(
        s =>
          `| \`${s.name}\` | ${s.isSecret ? 'yes' : 'no'} | ${
            s.isRequired ? 'yes' : 'no'
          } | ${hasWrittenDefault(s) ? inlineCode(s.default) : ''} | ${oneLine(
            s.argument ? `the value of \`${s.argument}\`` : s.description ?? '',
          ).replace(/\|/g, '\\|')} |`,
      ),
    );
  }
  lines.push('');
  const required = [
    ...launch.settings
      .filter(s => s.isRequired && !hasWrittenDefault(s))
      .map(s => s.name),
    ...(compose ? launch.mounts.map(m => m.hostVariable) : []),
  ].map(n => `\`${n}\``);
  if (compose && (required.length > 0 || launch.settings.length > 0)) {
    lines.push(
      `With compose, ${
        required.length > 0
          ? `set ${required.join(', ')}: compose refuses to start without ${
              required.length > 1 ? 'them' : 'it'
            }. Set ${required.length > 1 ? 'them' : 'it'}`
          : 'set the variables'
      } in the shell or as \`NAME=value\` lines in \`.env\` beside compose.yaml, kept out of version control; a default above applies unless its variable is set there.`,
      '',
    );
  }
  const fromSecret = launch.settings.filter(s => !hasWrittenDefault(s));
  if (kubernetes && fromSecret.length > 0) {
    lines.push(
      `On Kubernetes, the container reads ${fromSecret
        .map(s => `\`${s.name}\``)
        .join(', ')} from the Secret \`${secretName(
        plan,
      )}\`, and the pod does not start while a required key is missing; the defaults are its \`env:\` values. Create the Secret from a file of \`NAME=value\` lines that never enters version control, then delete the file:`,
      '',
      '```sh',
      `kubectl -n ${namespace} create secret generic ${secretName(
        plan,
      )} --from-env-file=${plan.name}.secrets.env`,
      '```',
      '',
    );
  }
  return lines;
}

/**
 * The runbook that goes with the rendered files: what was rendered and from
 * which facts, how to run it, the known gaps, the open urgent
 * recommendations, the maintenance schedule at this risk level, what each
 * alert means and the first steps in an incident.
 */
export function renderRunbook(
  plan: DeploymentPlan,
  details: {
    files: string[];
    rules: RuleFile;
    targets: DeploymentTarget[];
    namespace?: string;
  },
): RenderedFile {
  const { namespace } = details;
  const lines: string[] = [
    `# Runbook: ${plan.title}`,
    '',
    `Rendered by MCP Security from the assessment of \`${plan.serverName}\`${
      plan.entityRef ? ` (\`${plan.entityRef}\`)` : ''
    } made ${plan.assessedAt} (knowledge ${plan.knowledgeVersion}, engine ${
      plan.engineVersion
    }).`,
    '',
    `| risk | trust | target assurance | runs as |`,
    `|---|---|---|---|`,
    `| ${plan.riskLevel} (${plan.riskScore}) | ${plan.trustTier} | ${
      plan.assuranceLevel
    } | ${runsAs(plan)}, ${plan.transport} |`,
    '',
    '## Facts this deployment assumes',
    '',
    '| fact | value |',
    '|---|---|',
    ...(
      [
        ['deployment context', plan.facts.deploymentContext],
        ['exposure', plan.facts.exposure],
        ['data classification', plan.facts.dataClassification],
        [
          'capabilities',
          plan.facts.capabilities.join(', ') || '(none declared)',
        ],
        ['isolation', plan.facts.isolation],
        ['auth', plan.facts.auth],
        ['egress allow-list', plan.egressHosts.join(', ') || '(none)'],
      ] as const
    ).map(([fact, value]) => `| ${fact} | ${value} |`),
    '',
  ];
  if (plan.overrides.length > 0) {
    lines.push(
      'The template declared facts that differ from the catalog entity. The files follow the template; the',
      'risk above is still the catalog assessment. Update the annotations so both agree:',
      '',
      ...plan.overrides.map(
        o =>
          `- ${o.fact}: catalog says \`${o.catalog}\`, template declared \`${o.declared}\``,
      ),
      '',
    );
  }
  lines.push(
    '## Files',
    '',
    ...details.files.map(f => `- \`${f}\``),
    '',
    '## Run it',
    '',
  );
  if (plan.run.kind === 'remote') {
    lines.push(
      "The publisher runs this server; there is no container to deploy. Send the clients' traffic to it",
      `through the allow-listing proxy (\`egress-proxy/\`) or your API gateway, so every call is logged`,
      'and nothing else is reachable, and load the alert rules into Prometheus.',
      '',
    );
  } else {
    if (details.targets.includes('dockerfile')) {
      lines.push(`1. Build the image: \`docker build -t ${plan.run.image} .\``);
    }
    if (details.targets.includes('compose')) {
      lines.push(
        plan.transport === 'stdio'
          ? `1. Start the proxy with \`docker compose up -d ${PROXY_SERVICE}\`; point the MCP client at \`docker compose -f <path>/compose.yaml run --rm -T ${plan.name}\`.`
          : `1. \`docker compose up -d\`, then attach your authenticating gateway to the \`mcp-internal\` network.`,
      );
    }
    if (details.targets.includes('kubernetes') && namespace) {
      lines.push(
        `1. \`kubectl apply -n ${namespace} -f kubernetes/\`; create the \`${secretName(
          plan,
        )}\` Secret and label the gateway pods and their namespace \`${GATEWAY_LABEL}=true\` (only such pods may connect). Kubernetes has no per-pod process limit: set the kubelet's \`podPidsLimit\` (this server needs at most ${
          plan.limits.pids
        }).`,
      );
    }
    lines.push(
      `1. Limits at risk ${plan.riskLevel}: ${plan.limits.cpu} CPU, ${plan.limits.memory} memory, ${plan.limits.pids} processes, ${plan.limits.tmpSize} of /tmp. Raise them only with measurements, in a change request.`,
      `1. Check the controls: \`id -u\` in the container is not 0, \`touch /etc/x\` fails, and a request to a host not on the allow-list gets a 403 from the proxy.`,
      '',
    );
  }
  if (plan.run.kind !== 'remote') {
    lines.push(...settingsSection(plan, details.targets, namespace));
  }
  if (plan.bridge && details.targets.includes('kubernetes') && namespace) {
    lines.push(...bridgeSection(plan, plan.bridge, namespace));
  }
  const gaps = knownGaps(plan, details.targets);
  lines.push('## Known gaps', '');
  lines.push(...(gaps.length ? gaps.map(g => `- ${g}`) : ['None found.']), '');

  const urgent = plan.recommendations.filter(
    r =>
      (r.priority === 'P1' || r.priority === 'P2') &&
      isOpenRecommendation(r.status),
  );
  lines.push('## Open P1 and P2 recommendations', '');
  lines.push(
    ...(urgent.length
      ? urgent.map(
          r =>
            `- **${r.priority}** ${r.title} (\`${r.controlId}\`, ${r.status})`,
        )
      : ['None open.']),
    '',
    'The MCP Security tab of the entity has the steps and the verification of each.',
    '',
  );

  lines.push('## Maintenance schedule', '');
  if (plan.maintenancePlan.length === 0) {
    lines.push('No maintenance tasks apply.', '');
  } else {
    lines.push('| cadence | tasks |', '|---|---|');
    for (const cadence of cadenceSchema.options) {
      const tasks = plan.maintenancePlan
        .filter(t => t.cadence === cadence)
        .map(t => `${humanise(t.taskId)} (\`${t.taskId}\`)`);
      if (tasks.length) lines.push(`| ${cadence} | ${tasks.join('<br>')} |`);
    }
    lines.push(
      '',
      `Cadences are those for risk ${plan.riskLevel}; record each completion with its evidence on the entity's MCP Security tab.`,
      '',
    );
  }

  lines.push(
    '## When an alert fires',
    '',
    '| alert | severity | means |',
    '|---|---|---|',
  );
  for (const rule of details.rules.groups.flatMap(g => g.rules)) {
    lines.push(
      `| ${rule.alert} | ${rule.labels.severity} | ${rule.annotations.summary} |`,
    );
  }
  lines.push(
    '',
    '`mcp_egress_requests_total` is counted from the proxy log, one line per request (squid logs',
    '`TCP_DENIED` for refused ones); have your log pipeline export it with `server` and `decision` labels.',
    '',
    '## Incident first steps',
    '',
    ...incidentSteps(
      plan,
      details.targets.includes('kubernetes') ? namespace : undefined,
    ).map((step, i) => `${i + 1}. ${step}`),
    '',
  );
  return { path: 'RUNBOOK.md', content: lines.join('\n') };
}
