import { parseAllDocuments } from 'yaml';
import { composeModel, renderCompose } from './compose';
import { renderDockerfile } from './dockerfile';
import { KubernetesObject, renderKubernetes } from './kubernetes';
import {
  DEPLOYMENT_TARGETS,
  DeploymentPlan,
  DeploymentTarget,
  whyTargetDoesNotApply,
} from './plan';
import { renderPrometheusRules, RuleFile, ruleFileOf } from './prometheusRules';
import { renderAllowlist, renderSquidConf } from './proxyAllowlist';
import { renderRunbook } from './runbook';
import { RenderedFile } from './text';
import { composeValidationErrors } from './validation/composeSchema';
import { kubernetesValidationErrors } from './validation/kubernetesModels';
import { ruleFileErrors } from './validation/prometheusRules';
import { duplicateMountErrors } from './validation/uniqueMounts';

/** A rendered deployment: its files, and the models behind them for validation. */
export interface Rendering {
  targets: DeploymentTarget[];
  files: RenderedFile[];
  compose?: Record<string, unknown>;
  kubernetes: KubernetesObject[];
  rules: RuleFile;
}

/** The targets that apply to the plan, in their usual order. */
export function applicableTargets(plan: DeploymentPlan): DeploymentTarget[] {
  return DEPLOYMENT_TARGETS.filter(t => !whyTargetDoesNotApply(plan, t));
}

/**
 * Renders the files of a deployment. Pure: no I/O, the same plan gives the
 * same files. The proxy allow-list, the alert rules and the runbook are
 * always rendered; `targets` must all apply (see `whyTargetDoesNotApply`).
 */
export function renderDeployment(
  plan: DeploymentPlan,
  options: { targets: DeploymentTarget[]; namespace: string },
): Rendering {
  const targets = DEPLOYMENT_TARGETS.filter(t => options.targets.includes(t));
  for (const target of targets) {
    const why = whyTargetDoesNotApply(plan, target);
    if (why) throw new Error(`${target} does not apply: ${why}`);
  }
  const files: RenderedFile[] = [];
  if (targets.includes('dockerfile')) files.push(renderDockerfile(plan));
  // Each model is rendered from and validated as the same object.
  const compose = targets.includes('compose') ? composeModel(plan) : undefined;
  if (compose) files.push(renderCompose(plan, compose));
  const squidConf = renderSquidConf(plan);
  const allowlist = renderAllowlist(plan);
  files.push(squidConf, allowlist);
  let kubernetes: KubernetesObject[] = [];
  if (targets.includes('kubernetes')) {
    const rendered = renderKubernetes(plan, options.namespace, {
      squidConf: squidConf.content,
      allowlist: allowlist.content,
    });
    kubernetes = rendered.objects;
    files.push(...rendered.files);
  }
  const onKubernetes = targets.includes('kubernetes')
    ? { kubernetes: { namespace: options.namespace } }
    : {};
  const rules = ruleFileOf(plan, onKubernetes);
  files.push(renderPrometheusRules(plan, rules));
  files.push(
    renderRunbook(plan, {
      files: [...files.map(f => f.path), 'RUNBOOK.md'],
      rules,
      targets,
      namespace: targets.includes('kubernetes') ? options.namespace : undefined,
    }),
  );
  return {
    targets,
    files,
    compose,
    kubernetes,
    rules,
  };
}

/** Thrown when a rendering does not validate; nothing has been written. */
export class InvalidRenderingError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the rendered deployment is not valid, nothing was written: ${problems.join(
        '; ',
      )}`,
    );
    this.name = 'InvalidRenderingError';
  }
}

function yamlErrors(file: RenderedFile): string[] {
  return parseAllDocuments(file.content).flatMap(doc =>
    'errors' in doc
      ? doc.errors.map(e => `${file.path}: ${e.message}`)
      : [`${file.path}: not YAML`],
  );
}

/** Whether the documents of the files, in order, read back as the models. */
function readsBackAs(files: RenderedFile[], models: unknown[]): boolean {
  const parsed = files.flatMap(f =>
    parseAllDocuments(f.content).map(d => ('toJS' in d ? d.toJS() : undefined)),
  );
  return JSON.stringify(parsed) === JSON.stringify(models);
}

function sameAsParsed(
  file: RenderedFile | undefined,
  models: unknown[],
): string[] {
  return !file || readsBackAs([file], models)
    ? []
    : [`${file.path}: does not read back as what was rendered`];
}

/**
 * Checks a rendering before anything is written: every YAML file parses and
 * reads back as its model, the compose file against the Compose
 * Specification, the Kubernetes objects against the Kubernetes schemas, no
 * two volumes of a pod or service by one name or at one path, and the alert
 * rules against the rule-file format. Throws InvalidRenderingError.
 */
export function validateRendering(rendering: Rendering): void {
  const byPath = (path: string) => rendering.files.find(f => f.path === path);
  const problems = [
    ...rendering.files
      .filter(f => f.path.endsWith('.yaml'))
      .flatMap(yamlErrors),
    ...(rendering.compose ? composeValidationErrors(rendering.compose) : []),
    ...sameAsParsed(
      byPath('compose.yaml'),
      rendering.compose ? [rendering.compose] : [],
    ),
    ...duplicateMountErrors(rendering.compose, rendering.kubernetes),
    ...ruleFileErrors(rendering.rules),
    ...sameAsParsed(byPath('monitoring/prometheus-rules.yaml'), [
      rendering.rules,
    ]),
  ];
  if (rendering.kubernetes.length > 0) {
    problems.push(...kubernetesValidationErrors(rendering.kubernetes));
    const manifests = rendering.files.filter(f =>
      f.path.startsWith('kubernetes/'),
    );
    if (!readsBackAs(manifests, rendering.kubernetes)) {
      problems.push(
        'kubernetes/: the manifests do not read back as what was rendered',
      );
    }
  }
  if (problems.length > 0) throw new InvalidRenderingError(problems);
}
