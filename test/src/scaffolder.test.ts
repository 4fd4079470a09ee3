import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import { parse, parseAllDocuments } from 'yaml';
import {
  devUserToken,
  guestTokenWithGroups,
  repoRoot,
  RunningBackend,
  startBackend,
  waitForEntity,
} from './harness/backend';

jest.setTimeout(240_000);

// The MCP Security scaffolder actions and example templates in the real dev
// backend: the templates are in the catalog, their dry runs (what the
// template editor does) write the files, and a real task opens a change
// request as the user who runs it, with that user's permissions. alice (the
// guest, developer-experience) owns the filesystem server; diego
// (payments-team) does not.

const SERVER = 'api:default/filesystem';

function template(name: string) {
  return parse(
    readFileSync(
      join(repoRoot, 'examples/templates', name, 'template.yaml'),
      'utf8',
    ),
  );
}

type KubernetesModel = new (data: unknown) => { validate(): void };
const KUBERNETES_MODELS = {
  v1: core,
  'apps/v1': apps,
  'networking.k8s.io/v1': networking,
} as unknown as Record<string, Record<string, KubernetesModel | undefined>>;

/** The Compose Specification's JSON schema, as vendored in the scaffolder module. */
function composeValidator() {
  const { $schema: _draft, ...schema } = JSON.parse(
    readFileSync(
      join(
        repoRoot,
        'plugins/scaffolder-backend-module-mcp-security/src/deployment/validation/compose-spec.json',
      ),
      'utf8',
    ),
  );
  // The schema is draft-07, ajv's default; it names its draft by a URL ajv does not register.
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

interface DryRunResult {
  directoryContents: { path: string; base64Content: string }[];
  output: Record<string, any>;
  steps: { id: string; status?: string }[];
  log: { body: { message: string; stepId?: string; status?: string } }[];
}

describe('MCP Security scaffolder templates in the dev backend', () => {
  let backend: RunningBackend;
  let alice: string;
  let diego: string;

  const api = async (
    path: string,
    token: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const response = await fetch(`${backend.baseUrl}/api${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };

  const dryRun = async (
    name: string,
    values: Record<string, unknown>,
    token = alice,
  ) => {
    const { status, body } = await api('/scaffolder/v2/dry-run', token, {
      method: 'POST',
      body: { template: template(name), values, directoryContents: [] },
    });
    expect({ status, errors: body.errors ?? body.error }).toEqual({
      status: 200,
      errors: undefined,
    });
    return body as DryRunResult;
  };

  const file = (result: DryRunResult, path: string) => {
    const found = result.directoryContents.find(f => f.path === path);
    if (!found) {
      throw new Error(
        `no ${path} among ${result.directoryContents
          .map(f => f.path)
          .join(', ')}; log:\n${result.log
          .map(l => l.body.message)
          .join('\n')}`,
      );
    }
    return Buffer.from(found.base64Content, 'base64').toString('utf8');
  };

  /**
   * Checks a deploy dry run's files with validators of the test's own, not
   * the module's: every YAML and JSON file parses, the compose file against
   * the Compose Specification, every Kubernetes object with
   * kubernetes-models, and the hardening of each Kubernetes workload.
   */
  const checkedDeployment = (result: DryRunResult) => {
    const documents: Record<string, any[]> = {};
    for (const { path } of result.directoryContents) {
      const text = file(result, path);
      if (/\.ya?ml$/.test(path)) {
        const docs = parseAllDocuments(text);
        for (const doc of docs) {
          expect({ path, errors: doc.errors }).toEqual({ path, errors: [] });
        }
        documents[path] = docs.map(d => d.toJS());
      } else if (path.endsWith('.json')) {
        documents[path] = [JSON.parse(text)];
      }
    }

    const [compose] = documents['deploy/compose.yaml'];
    const validateCompose = composeValidator();
    expect({
      valid: validateCompose(compose),
      errors: validateCompose.errors ?? null,
    }).toEqual({ valid: true, errors: null });
    for (const [name, service] of Object.entries<any>(compose.services)) {
      expect({ name, ...service }).toMatchObject({
        name,
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: expect.arrayContaining(['no-new-privileges:true']),
      });
      expect(String(service.user)).not.toMatch(/^(0|root)(:|$)/);
    }

    const kubernetes = Object.entries(documents)
      .filter(([path]) => path.startsWith('deploy/kubernetes/'))
      .flatMap(([, docs]) => docs);
    expect(kubernetes.length).toBeGreaterThan(0);
    for (const object of kubernetes) {
      const Model = KUBERNETES_MODELS[object.apiVersion]?.[object.kind];
      expect({
        object: `${object.kind}/${object.metadata.name}`,
        known: !!Model,
      }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        known: true,
      });
      expect(() => new Model!(object).validate()).not.toThrow();
    }
    const kinds = (kind: string) => kubernetes.filter(o => o.kind === kind);
    expect(kinds('Deployment')).toHaveLength(2);
    for (const deployment of kinds('Deployment')) {
      const pod = deployment.spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources.limits).toEqual(
          expect.objectContaining({
            cpu: expect.any(String),
            memory: expect.any(String),
          }),
        );
      }
    }
    for (const account of kinds('ServiceAccount')) {
      expect(account.automountServiceAccountToken).toBe(false);
    }
    // A default-deny policy: the server's and its proxy's pods, both
    // directions, no rule letting anything through; never the whole
    // namespace, which other workloads may share.
    expect(
      kinds('NetworkPolicy').filter(
        p =>
          p.spec.podSelector.matchLabels?.['app.kubernetes.io/part-of'] &&
          [...p.spec.policyTypes].sort().join() === 'Egress,Ingress' &&
          !p.spec.ingress &&
          !p.spec.egress,
      ),
    ).toHaveLength(1);
    for (const policy of kinds('NetworkPolicy')) {
      expect(Object.keys(policy.spec.podSelector)).not.toHaveLength(0);
    }
    return { compose, kubernetes };
  };

  /** Runs a template as a real task and waits for it to finish. */
  const runTask = async (
    templateRef: string,
    values: Record<string, unknown>,
    token: string,
  ) => {
    const created = await api('/scaffolder/v2/tasks', token, {
      method: 'POST',
      body: { templateRef, values },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { body: task } = await api(`/scaffolder/v2/tasks/${id}`, token);
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        const { body: events } = await api(
          `/scaffolder/v2/tasks/${id}/events`,
          token,
        );
        const log = events as {
          type: string;
          body: { message?: string; output?: Record<string, unknown> };
        }[];
        return {
          status: task.status as string,
          output: log.find(e => e.type === 'completion')?.body.output ?? {},
          messages: log.map(e => e.body.message ?? '').join('\n'),
        };
      }
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`task ${id} did not finish`);
  };

  const changesOn = async (entityRef: string) => {
    const { status, body } = await api(
      `/mcp-security/changes?entityRef=${encodeURIComponent(entityRef)}`,
      alice,
    );
    expect(status).toBe(200);
    return body.items as { id: string; title: string; state: string }[];
  };

  /** Runs a dry run, checking that it opened no change request. */
  const dryRunOpeningNothing = async (
    name: string,
    values: Record<string, unknown>,
  ) => {
    const before = await changesOn(SERVER);
    const result = await dryRun(name, { entityRef: SERVER, ...values });
    expect(await changesOn(SERVER)).toEqual(before);
    return result;
  };

  beforeAll(async () => {
    backend = await startBackend({ port: 7140 });
    alice = await guestTokenWithGroups(backend.baseUrl);
    diego = await devUserToken(backend.baseUrl, 'diego');
    await waitForEntity(backend.baseUrl, alice, SERVER);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('lists the example templates in the catalog', async () => {
    for (const name of [
      'register-mcp-server',
      'deploy-mcp-server',
      'open-mcp-change',
    ]) {
      await waitForEntity(backend.baseUrl, alice, `template:default/${name}`);
    }
    const { body } = await api(
      '/catalog/entities/by-query?filter=kind=template,spec.type=mcp-server&fields=metadata.title',
      alice,
    );
    expect(body.items.map((e: any) => e.metadata.title).sort()).toEqual([
      'Deploy an MCP server securely',
      'Open a change request for an MCP server',
      'Register an MCP server',
    ]);
  });

  it('dry-runs "Register an MCP server" to a checked catalog-info.yaml and server.json', async () => {
    const result = await dryRun('register-mcp-server', {
      name: 'orders-mcp',
      title: 'Orders MCP server',
      description: 'Looks up customer orders.',
      owner: 'group:default/payments-team',
      system: 'system:default/payments-platform',
      lifecycle: 'experimental',
      source: 'package',
      registryName: 'io.github.acme/orders-mcp',
      package: {
        registryType: 'npm',
        identifier: '@acme/orders-mcp',
        version: '1.4.2',
      },
      deploymentContext: 'production',
      exposure: 'internal',
      dataClassification: 'confidential',
      capabilities: ['database-read', 'financial-transactions'],
      auth: 'oauth2',
      publish: false,
    });

    const entity = parse(file(result, 'catalog-info.yaml'));
    // Isolation was left empty: no annotation, so it is assessed as unknown.
    expect(entity.metadata.annotations).not.toHaveProperty(
      'mcp-security.io/isolation',
    );
    expect(entity).toMatchObject({
      kind: 'API',
      metadata: {
        name: 'orders-mcp',
        annotations: {
          'mcp-security.io/server-json': './server.json',
          'mcp-security.io/registry-name': 'io.github.acme/orders-mcp',
          'mcp-security.io/deployment-context': 'production',
          'mcp-security.io/exposure': 'internal',
          'mcp-security.io/data-classification': 'confidential',
          'mcp-security.io/capabilities':
            'database-read,financial-transactions',
          'mcp-security.io/auth': 'oauth2',
        },
      },
      spec: {
        type: 'mcp-server',
        owner: 'group:default/payments-team',
        system: 'system:default/payments-platform',
        remotes: [{ type: 'stdio', url: 'npx -y @acme/orders-mcp@1.4.2' }],
      },
    });
    expect(JSON.parse(file(result, 'server.json'))).toMatchObject({
      name: 'io.github.acme/orders-mcp',
      packages: [{ identifier: '@acme/orders-mcp', version: '1.4.2' }],
    });
    // The publish and register steps are skipped without a repository.
    expect(JSON.stringify(result.output.text)).toMatch(
      /api:default\/orders-mcp.*risk.*(low|medium|high|critical).*trust/s,
    );
  });

  it('dry-runs "Register an MCP server" from a pasted server.json, and refuses an invalid one naming the field', async () => {
    const serverJson = readFileSync(
      join(repoRoot, 'examples/mcp-servers/neon/server.json'),
      'utf8',
    );
    const values = {
      name: 'neon-copy',
      description: 'Neon, registered again',
      owner: 'group:default/data-team',
      lifecycle: 'production',
      source: 'server-json',
      serverJson,
      exposure: 'internet',
    };
    const ok = await dryRun('register-mcp-server', values);
    expect(file(ok, 'server.json')).toBe(
      `${JSON.stringify(JSON.parse(serverJson), null, 2)}\n`,
    );
    expect(parse(file(ok, 'catalog-info.yaml')).spec.remotes).toEqual(
      expect.arrayContaining([
        { type: 'streamable-http', url: 'https://mcp.neon.tech/mcp' },
      ]),
    );

    const broken = JSON.parse(serverJson);
    broken.remotes[0].type = 'carrier-pigeon';
    const failed = await api('/scaffolder/v2/dry-run', alice, {
      method: 'POST',
      body: {
        template: template('register-mcp-server'),
        values: { ...values, serverJson: JSON.stringify(broken) },
        directoryContents: [],
      },
    });
    const log = JSON.stringify(failed.body);
    expect(log).toMatch(/serverJson\.remotes\.0\.type/);
    expect(
      (failed.body.directoryContents ?? []).map((f: any) => f.path),
    ).not.toContain('catalog-info.yaml');
  });

  it('dry-runs "Deploy an MCP server securely" on an example server to valid, hardened deployment files and the change it would open', async () => {
    const result = await dryRunOpeningNothing('deploy-mcp-server', {
      deploymentContext: 'production',
      exposure: 'internal',
      dataClassification: 'confidential',
      namespace: 'mcp-servers',
      openChange: true,
      changeType: 'infrastructure-change',
      rollbackPlan: 'kubectl delete -f deploy/kubernetes',
      publish: false,
    });
    const paths = result.directoryContents.map(f => f.path).sort();
    // Every kind of file that applies to a stdio npm package, Kubernetes
    // manifests included: the server runs there behind its bridge.
    expect(paths).toEqual([
      'deploy/Dockerfile',
      'deploy/RUNBOOK.md',
      'deploy/compose.yaml',
      'deploy/egress-proxy/allowlist.txt',
      'deploy/egress-proxy/squid.conf',
      'deploy/kubernetes/egress-proxy.yaml',
      'deploy/kubernetes/mcp-server.yaml',
      'deploy/monitoring/prometheus-rules.yaml',
    ]);
    const { compose, kubernetes } = checkedDeployment(result);

    const server = compose.services.filesystem;
    expect(server).toMatchObject({
      read_only: true,
      cap_drop: ['ALL'],
      security_opt: ['no-new-privileges:true'],
      stdin_open: true,
    });
    expect(String(server.user)).not.toMatch(/^(0|root)(:|$)/);
    // Compose still starts the server over stdio, without the bridge, with
    // the folder its server.json requires: mounted at a fixed path, writable
    // as the catalog says it writes files, from a host path compose refuses
    // to start without.
    expect(server.entrypoint).toBeUndefined();
    expect(server.command).toEqual(['/data/allowed_directory']);
    expect(server.volumes).toEqual([
      {
        type: 'bind',
        source: expect.stringMatching(/^\$\{MCP_MOUNT_ALLOWED_DIRECTORY:\?/),
        target: '/data/allowed_directory',
        read_only: false,
      },
    ]);

    const deployment = kubernetes.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'filesystem',
    );
    const container = deployment.spec.template.spec.containers[0];
    expect(container.command).toEqual(['node', '/app/bridge']);
    expect(container.args.slice(0, 4)).toEqual([
      '--stdio',
      'node /app/server /data/allowed_directory',
      '--outputTransport',
      'streamableHttp',
    ]);
    expect(container.volumeMounts).toContainEqual({
      name: 'allowed-directory',
      mountPath: '/data/allowed_directory',
      readOnly: false,
    });
    expect(deployment.spec.template.spec.volumes).toContainEqual({
      name: 'allowed-directory',
      persistentVolumeClaim: {
        claimName: 'filesystem-allowed-directory',
        readOnly: false,
      },
    });
    expect(file(result, 'deploy/RUNBOOK.md')).toContain(
      'PersistentVolumeClaim `filesystem-allowed-directory`',
    );
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/healthz',
      port: 'http',
    });
    expect(
      kubernetes.find(
        o => o.kind === 'Service' && o.metadata.name === 'filesystem',
      ).spec,
    ).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 8080, targetPort: 'http' }],
    });
    expect(file(result, 'deploy/Dockerfile')).toContain(
      '"@modelcontextprotocol/server-filesystem@0.6.3" "supergateway@4.0.0"',
    );
    for (const object of kubernetes) {
      expect(object.metadata.namespace).toBe('mcp-servers');
    }

    const [deploymentText, change] = result.output.text;
    expect(deploymentText.content).toMatch(/Risk \*\*high\*\*/);
    expect(deploymentText.content).toContain(
      'deploy/kubernetes/mcp-server.yaml',
    );
    expect(change.content).toMatch(
      /\(dry run: none opened\)\*\* is\s+\*\*submitted\*\*/,
    );
  });

  it('dry-runs "Deploy an MCP server securely" with the optional values left empty: catalog facts, every file that applies, the default namespace', async () => {
    const result = await dryRunOpeningNothing('deploy-mcp-server', {
      targets: [],
      openChange: false,
      publish: false,
    });
    const messages = result.log.map(l => l.body.message);
    const renderInput = messages.find(m =>
      m.includes('render-deployment in dry-run mode with inputs'),
    );
    if (!renderInput)
      throw new Error(`no step input in:\n${messages.join('\n')}`);
    // Nothing empty reaches the action: no facts, no target list, no namespace.
    const input = JSON.parse(renderInput.slice(renderInput.indexOf('{')));
    expect(input).toEqual({
      entityRef: SERVER,
      context: {},
      targetPath: 'deploy',
    });
    const { kubernetes } = checkedDeployment(result);
    expect(kubernetes.map(o => o.metadata.namespace)).toEqual(
      kubernetes.map(() => 'mcp-servers'),
    );
    // The runbook uses the catalog entity's facts.
    const runbook = file(result, 'deploy/RUNBOOK.md');
    expect(runbook).toContain('| exposure | local |');
    expect(runbook).toContain('| data classification | confidential |');
    expect(runbook).not.toContain('template declared');
  });

  it('dry-runs "Open a change request" without opening one, saying what it would need', async () => {
    const result = await dryRunOpeningNothing('open-mcp-change', {
      changeType: 'configuration-change',
      title: 'Dry run: restrict the allowed directory',
      description: 'Only /srv/shared/docs.',
      rollbackPlan: 'Restore the previous argument.',
      submit: true,
    });
    expect(result.output.text[0].content).toMatch(
      /\(dry run: none opened\)\*\* is\s+\*\*submitted\*\*: risk\s+\*\*high\*\*/,
    );
  });

  it("opens and submits a change request as the owner who runs the template, and refuses someone else's", async () => {
    const values = (title: string) => ({
      entityRef: SERVER,
      changeType: 'configuration-change',
      title,
      description: 'Mount the shared drive read-only.',
      rollbackPlan: 'Mount it read-write again.',
      submit: true,
    });

    const owner = await runTask(
      'template:default/open-mcp-change',
      values('Read-only shared drive (alice)'),
      alice,
    );
    expect(owner.status).toBe('completed');
    const opened = (await changesOn(SERVER)).find(
      c => c.title === 'Read-only shared drive (alice)',
    );
    expect(opened).toMatchObject({ state: 'submitted' });
    expect(JSON.stringify(owner.output)).toContain(opened!.id);

    const other = await runTask(
      'template:default/open-mcp-change',
      values('Read-only shared drive (diego)'),
      diego,
    );
    expect(other.status).toBe('failed');
    expect(other.messages).toMatch(
      'NotAllowedError: user:default/diego is not allowed mcp-security.change.create on api:default/filesystem',
    );
    expect(
      (await changesOn(SERVER)).filter(c => c.title.includes('(diego)')),
    ).toEqual([]);
  });
});
