import { dataMount, proxyEnvironment } from './compose';
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
  PRIVATE_IPV4_RANGES,
  PRIVATE_IPV6_RANGES,
  PROXY_CONFIG_DIR,
  SQUID_CONF_FILE,
  SQUID_SCRATCH_DIRS,
} from './proxyAllowlist';
import { provenance, RenderedFile, yamlDocuments } from './text';

/** A Kubernetes object as rendered; validated with kubernetes-models before it is written. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

const DNS_EGRESS = {
  to: [
    {
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
      },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/**
 * Pods carrying this label, in namespaces carrying it too, may call the
 * server: the authenticating gateway in front of it. Both are required, so
 * that whoever may create pods somewhere cannot label one to reach the
 * server: labelling a namespace is a cluster administrator's right.
 */
export const GATEWAY_LABEL = 'mcp-security.io/gateway';
/** On the server's Deployment: the stdio-to-HTTP bridge it runs, `name@version`. */
export const BRIDGE_ANNOTATION = 'mcp-security.io/stdio-bridge';

/** The Secret the server's secrets and settings without a default are read from; never rendered. */
export function secretName(plan: Pick<DeploymentPlan, 'name'>): string {
  return `${plan.name}-secrets`;
}

/** The server's egress proxy: its Deployment, Service, ConfigMap, ServiceAccount and policy. */
export function proxyName(plan: Pick<DeploymentPlan, 'name'>): string {
  return `${plan.name}-egress-proxy`;
}

/**
 * A setting as a container variable: a non-secret default as its value,
 * everything else from a key of the server's Secret, which Kubernetes
 * refuses to start the pod without when the setting is required.
 */
function kubernetesSetting(plan: DeploymentPlan, setting: LaunchSetting) {
  if (hasWrittenDefault(setting)) {
    return { name: setting.name, value: setting.default };
  }
  return {
    name: setting.name,
    valueFrom: {
      secretKeyRef: {
        name: secretName(plan),
        key: setting.name,
        optional: !setting.isRequired,
      },
    },
  };
}

/**
 * Kubernetes expands `$(NAME)` in a container's command and arguments from
 * the container's variables, the server's secrets among them; `$$(` is a
 * literal `$(`. Every fixed word from the server.json goes through this.
 */
function kubernetesLiteral(text: string): string {
  return text.replace(/\$\(/g, '$$$$(');
}

/** A container argument: a setting is expanded by Kubernetes, anything else kept literal. */
function kubernetesWord(word: LaunchWord): string {
  return 'literal' in word
    ? kubernetesLiteral(word.literal)
    : `$(${word.setting})`;
}

/**
 * The container's command and arguments: the bridge passes the server's
 * arguments in its --stdio command; a server that listens itself is given
 * them as the container's arguments, after its image's entrypoint.
 */
function programOf(plan: DeploymentPlan): {
  command?: string[];
  args?: string[];
} {
  // The bridge's --stdio command is for /bin/sh, which expands the settings
  // itself ("$NAME"): Kubernetes must expand nothing in it.
  if (plan.bridge)
    return {
      command: plan.bridge.command.map(kubernetesLiteral),
      args: plan.bridge.args.map(kubernetesLiteral),
    };
  if (plan.launch.args.length === 0) return {};
  return { args: plan.launch.args.map(kubernetesWord) };
}

function hardenedContainer() {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    privileged: false,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

function podSecurity(uid: number) {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function serviceAccount(
  name: string,
  namespace: string,
  labels: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace, labels },
    automountServiceAccountToken: false,
  };
}

/**
 * A Deployment of one hardened pod: non-root with the RuntimeDefault seccomp
 * profile, its own ServiceAccount without a token, no service links.
 */
function hardenedDeployment(options: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  selector: Record<string, string>;
  uid: number;
  container: Record<string, unknown>;
  /** `Never` for an image built from the rendered Dockerfile, which no registry has. */
  imagePullPolicy: 'IfNotPresent' | 'Never';
  volumes: Record<string, unknown>[];
}): KubernetesObject {
  const { name, namespace, labels, selector } = options;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, annotations: options.annotations },
    spec: {
      // One replica: MCP sessions over HTTP are stateful, and so is the proxy's log.
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity(options.uid),
          containers: [
            {
              ...options.container,
              imagePullPolicy: options.imagePullPolicy,
              securityContext: hardenedContainer(),
            },
          ],
          volumes: options.volumes,
        },
      },
    },
  };
}

function clusterService(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  port: { name: string; port: number },
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ ...port, targetPort: port.name, protocol: 'TCP' }],
    },
  };
}

/** The server's image when it is built from the rendered Dockerfile rather than pulled from its publisher. */
export function locallyBuiltImage(
  plan: Pick<DeploymentPlan, 'run'>,
): string | undefined {
  return plan.run.kind === 'npm' || plan.run.kind === 'pypi'
    ? plan.run.image
    : undefined;
}

/** Selects the server's pods: its Deployment, Service and policies, and the proxy's ingress. */
function serverSelector(plan: Pick<DeploymentPlan, 'name'>) {
  return {
    'app.kubernetes.io/name': plan.name,
    'app.kubernetes.io/component': 'mcp-server',
  };
}

/** Selects the proxy's pods: its Deployment, Service and policy, and the server's egress. */
function proxySelector(plan: Pick<DeploymentPlan, 'name'>) {
  return {
    'app.kubernetes.io/name': plan.name,
    'app.kubernetes.io/component': 'egress-proxy',
  };
}

/** On the server's and its proxy's pods, and on the policy that denies them everything not allowed. */
function partOfLabel(
  plan: Pick<DeploymentPlan, 'name'>,
): Record<string, string> {
  return { 'app.kubernetes.io/part-of': `mcp-${plan.name}` };
}

/**
 * The policy that denies the server's and its proxy's pods all traffic the
 * other policies do not allow. It selects only those pods, so it changes
 * nothing for other workloads of a shared namespace, and is the server's
 * own, so deleting one server's manifests leaves the others' in place.
 */
export function denyAllPolicyName(plan: Pick<DeploymentPlan, 'name'>): string {
  return `${plan.name}-deny-all`;
}

/**
 * The server's objects: a default-deny policy for its own pods, a
 * ServiceAccount without a token, the Deployment, its Service, and a policy
 * that lets in only the gateway and lets out only DNS and the egress proxy.
 */
export function serverObjects(
  plan: DeploymentPlan,
  namespace: string,
): KubernetesObject[] {
  const { run, limits, name } = plan;
  if (
    run.kind === 'remote' ||
    (plan.transport === 'stdio' && !plan.bridge) ||
    !plan.port
  ) {
    throw new Error(
      'Kubernetes manifests are rendered only for a server that listens on HTTP, or a stdio npm server behind its bridge',
    );
  }
  const { bridge } = plan;
  const partOf = partOfLabel(plan);
  const selector = serverSelector(plan);
  const labels: Record<string, string> = {
    ...selector,
    ...partOf,
    'mcp-security.io/risk-level': plan.riskLevel,
    ...(plan.entityRef ? { 'backstage.io/kubernetes-id': name } : {}),
  };
  const annotations: Record<string, string> = {
    ...(plan.entityRef ? { 'backstage.io/entity-ref': plan.entityRef } : {}),
    ...(bridge
      ? { [BRIDGE_ANNOTATION]: `${bridge.packageName}@${bridge.version}` }
      : {}),
  };
  // The bridge answers on its health endpoint while it runs; a server that
  // listens itself gets a TCP check, as nothing is known of its paths.
  const probe = bridge
    ? { httpGet: { path: bridge.healthPath, port: 'http' } }
    : { tcpSocket: { port: 'http' } };
  const data = dataMount(plan);
  const { launch } = plan;
  const deployment = hardenedDeployment({
    name,
    namespace,
    labels,
    annotations,
    selector,
    uid: SERVER_UID,
    // An image built from the Dockerfile is never pulled: a registry
    // holding an image of the same name is not where it came from.
    imagePullPolicy: locallyBuiltImage(plan) ? 'Never' : 'IfNotPresent',
    container: {
      name: 'mcp-server',
      image: run.image,
      ...programOf(plan),
      ports: [{ name: 'http', containerPort: plan.port, protocol: 'TCP' }],
      env: [
        ...Object.entries(proxyEnvironment(proxyName(plan))).map(
          ([envName, value]) => ({ name: envName, value }),
        ),
        ...launch.settings.map(setting => kubernetesSetting(plan, setting)),
      ],
      envFrom: [{ secretRef: { name: secretName(plan), optional: true } }],
      resources: {
        requests: {
          cpu: limits.cpuRequest,
          memory: limits.memoryRequest,
          'ephemeral-storage': '16Mi',
        },
        limits: {
          cpu: limits.cpu,
          memory: limits.memory,
          'ephemeral-storage': limits.tmpSize,
        },
      },
      readinessProbe: { ...probe, periodSeconds: 10 },
      livenessProbe: {
        ...probe,
        initialDelaySeconds: 10,
        periodSeconds: 20,
      },
      volumeMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        ...(data
          ? [{ name: 'data', mountPath: '/data', readOnly: data.readOnly }]
          : []),
        ...launch.mounts.map(mount => ({
          name: mount.volume,
          mountPath: mount.containerPath,
          readOnly: mount.readOnly,
        })),
      ],
    },
    volumes: [
      {
        name: 'tmp',
        emptyDir: { medium: 'Memory', sizeLimit: limits.tmpSize },
      },
      ...(data
        ? [
            {
              name: 'data',
              persistentVolumeClaim: {
                claimName: `${name}-data`,
                readOnly: data.readOnly,
              },
            },
          ]
        : []),
      // A claim per folder the arguments name, for the operator to bind to
      // the real data (see RUNBOOK.md): an empty volume would give the server nothing.
      ...launch.mounts.map(mount => ({
        name: mount.volume,
        persistentVolumeClaim: {
          claimName: `${name}-${mount.volume}`,
          readOnly: mount.readOnly,
        },
      })),
    ],
  });
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: denyAllPolicyName(plan), namespace, labels: partOf },
      spec: {
        podSelector: { matchLabels: partOf },
        policyTypes: ['Ingress', 'Egress'],
      },
    },
    serviceAccount(name, namespace, labels),
    deployment,
    clusterService(name, namespace, labels, selector, {
      name: 'http',
      port: plan.port,
    }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace,
        labels,
        annotations: {
          'mcp-security.io/egress-allowlist': plan.egressHosts.join(','),
        },
      },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { [GATEWAY_LABEL]: 'true' },
                },
                podSelector: { matchLabels: { [GATEWAY_LABEL]: 'true' } },
              },
            ],
            ports: [{ protocol: 'TCP', port: plan.port }],
          },
        ],
        egress: [
          {
            to: [
              {
                podSelector: { matchLabels: proxySelector(plan) },
              },
            ],
            ports: [{ protocol: 'TCP', port: PROXY_PORT }],
          },
          DNS_EGRESS,
        ],
      },
    },
  ];
}

/**
 * The server's own egress proxy: its configuration, a ServiceAccount without
 * a token, the Deployment, its Service, and a policy that lets in only the
 * server and lets out only DNS and public addresses on the allowed ports.
 */
export function proxyObjects(
  plan: DeploymentPlan,
  namespace: string,
  config: { squidConf: string; allowlist: string },
): KubernetesObject[] {
  const name = proxyName(plan);
  const selector = proxySelector(plan);
  const labels = { ...selector, ...partOfLabel(plan) };
  const scratch = Object.entries(SQUID_SCRATCH_DIRS);
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, labels },
      data: {
        [SQUID_CONF_FILE]: config.squidConf,
        [ALLOWLIST_FILE]: config.allowlist,
      },
    },
    serviceAccount(name, namespace, labels),
    hardenedDeployment({
      name,
      namespace,
      labels,
      selector,
      uid: PROXY_UID,
      imagePullPolicy: 'IfNotPresent',
      container: {
        name: 'squid',
        image: PROXY_IMAGE,
        command: [
          'squid',
          '-N',
          '-f',
          `${PROXY_CONFIG_DIR}/${SQUID_CONF_FILE}`,
        ],
        ports: [{ name: 'proxy', containerPort: PROXY_PORT, protocol: 'TCP' }],
        resources: {
          requests: { cpu: '50m', memory: '64Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        },
        readinessProbe: {
          tcpSocket: { port: 'proxy' },
          periodSeconds: 10,
        },
        volumeMounts: [
          ...[SQUID_CONF_FILE, ALLOWLIST_FILE].map(file => ({
            name: 'config',
            mountPath: `${PROXY_CONFIG_DIR}/${file}`,
            subPath: file,
            readOnly: true,
          })),
          ...scratch.map(([volume, mountPath]) => ({
            name: volume,
            mountPath,
          })),
        ],
      },
      volumes: [
        { name: 'config', configMap: { name } },
        ...scratch.map(([volume]) => ({
          name: volume,
          emptyDir: { sizeLimit: '64Mi' },
        })),
      ],
    }),
    clusterService(name, namespace, labels, selector, {
      name: 'proxy',
      port: PROXY_PORT,
    }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                podSelector: { matchLabels: serverSelector(plan) },
              },
            ],
            ports: [{ protocol: 'TCP', port: PROXY_PORT }],
          },
        ],
        egress: [
          DNS_EGRESS,
          {
            to: [
              {
                ipBlock: {
                  cidr: '0.0.0.0/0',
                  except: [...PRIVATE_IPV4_RANGES],
                },
              },
              {
                ipBlock: { cidr: '::/0', except: [...PRIVATE_IPV6_RANGES] },
              },
            ],
            ports: plan.egressPorts.map(port => ({ protocol: 'TCP', port })),
          },
        ],
      },
    },
  ];
}

export function renderKubernetes(
  plan: DeploymentPlan,
  namespace: string,
  config: { squidConf: string; allowlist: string },
): { files: RenderedFile[]; objects: KubernetesObject[] } {
  const server = serverObjects(plan, namespace);
  const proxy = proxyObjects(plan, namespace, config);
  const head = provenance(plan);
  const toFile = (
    path: string,
    objects: KubernetesObject[],
    note: string[],
  ) => ({
    path,
    content: yamlDocuments(
      objects.map((value, index) => ({
        value,
        comment: index === 0 ? [...head, '', ...note] : undefined,
      })),
    ),
  });
  return {
    objects: [...server, ...proxy],
    files: [
      toFile('kubernetes/mcp-server.yaml', server, [
        `kubectl apply -n ${namespace} -f kubernetes/`,
        `Only pods labelled ${GATEWAY_LABEL}=true in namespaces labelled ${GATEWAY_LABEL}=true may call the server:`,
        'label your authenticating gateway and its namespace.',
        ...(plan.bridge
          ? [
              `${plan.title} speaks stdio: the Deployment runs it behind ${plan.bridge.packageName}@${plan.bridge.version}, which serves`,
              `Streamable HTTP at http://${plan.name}.${namespace}.svc:${plan.bridge.port}${plan.bridge.path} and starts \`${plan.bridge.stdioCommand}\` for each session.`,
              "The server's arguments are in that --stdio command (see RUNBOOK.md).",
            ]
          : []),
        ...(locallyBuiltImage(plan)
          ? [
              `The image ${locallyBuiltImage(
                plan,
              )} is built from the Dockerfile and never pulled (imagePullPolicy: Never),`,
              'so no registry can substitute an image of the same name: load it into the nodes (e.g. kind load docker-image),',
              'or push it to your own registry and set image to it, pinned by digest, with imagePullPolicy: IfNotPresent.',
            ]
          : []),
        `The NetworkPolicy ${denyAllPolicyName(
          plan,
        )} denies the server's and its proxy's pods all that the other policies do not allow;`,
        `other pods in ${namespace} are not affected. Prefer a namespace of its own, with its own default-deny policy.`,
        `Secrets: create the Secret ${secretName(
          plan,
        )} in ${namespace} (see RUNBOOK.md); it is read as environment variables.`,
        ...plan.launch.mounts.map(
          mount =>
            `${mount.argument}: bind the PersistentVolumeClaim ${plan.name}-${mount.volume} to the data, mounted at ${mount.containerPath}.`,
        ),
        ...(plan.facts.exposure === 'internet'
          ? [
              'Exposure is internet: expose the gateway, never this Service, and authenticate every request there.',
            ]
          : []),
      ]),
      toFile('kubernetes/egress-proxy.yaml', proxy, [
        `The server's only way out: squid with the allow-list of egress-proxy/${ALLOWLIST_FILE}.`,
      ]),
    ],
  };
}
