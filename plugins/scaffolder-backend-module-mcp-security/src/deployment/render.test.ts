import { parseAllDocuments } from 'yaml';
import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  assessmentOf,
  exampleNames,
  exampleProfile,
} from '../__testUtils__/assessments';
import { kubernetesValidationErrors } from './validation/kubernetesModels';
import { deploymentPlanOf } from './plan';
import {
  applicableTargets,
  InvalidRenderingError,
  Rendering,
  renderDeployment,
  validateRendering,
} from './render';
import { composeValidationErrors } from './validation/composeSchema';

const RISK_LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];

/** Every example server at every risk level, and as an HTTP server where it has a package. */
function allRenderings(): { label: string; rendering: Rendering }[] {
  const out: { label: string; rendering: Rendering }[] = [];
  for (const name of exampleNames()) {
    const profile = exampleProfile(name);
    const variants = [{ label: name, profile }];
    if (profile.packages.length > 0) {
      variants.push({
        label: `${name} over HTTP`,
        profile: {
          ...profile,
          packages: profile.packages.map(p => ({
            ...p,
            transport: 'streamable-http',
          })),
        },
      });
    }
    for (const variant of variants) {
      for (const risk of RISK_LEVELS) {
        const plan = deploymentPlanOf(assessmentOf(variant.profile, risk));
        out.push({
          label: `${variant.label} at ${risk}`,
          rendering: renderDeployment(plan, {
            targets: applicableTargets(plan),
            namespace: 'mcp-servers',
          }),
        });
      }
    }
  }
  return out;
}

describe('rendering every example server', () => {
  const renderings = allRenderings();

  it('covers every example, and every kind of target', () => {
    expect(exampleNames().length).toBeGreaterThanOrEqual(13);
    const targets = new Set(renderings.flatMap(r => r.rendering.targets));
    expect([...targets].sort()).toEqual([
      'compose',
      'dockerfile',
      'kubernetes',
    ]);
  });

  it('renders Kubernetes for every stdio npm server, behind the bridge, and for no other stdio server', () => {
    const byKind: Record<string, string[]> = {};
    for (const name of exampleNames()) {
      const plan = deploymentPlanOf(assessmentOf(exampleProfile(name)));
      if (plan.transport !== 'stdio') continue;
      const kubernetes = applicableTargets(plan).includes('kubernetes');
      expect({ name, kubernetes, bridged: !!plan.bridge }).toEqual({
        name,
        kubernetes: plan.run.kind === 'npm',
        bridged: plan.run.kind === 'npm',
      });
      (byKind[plan.run.kind] ??= []).push(name);
    }
    // The dev portal's examples have stdio servers of each kind.
    expect(byKind.npm).toContain('filesystem');
    expect(Object.keys(byKind).sort()).toEqual(['image', 'npm', 'pypi']);
    const filesystem = renderings.filter(r => /^filesystem at /.test(r.label));
    expect(filesystem).toHaveLength(4);
    for (const { rendering } of filesystem) {
      expect(rendering.files.map(f => f.path)).toEqual(
        expect.arrayContaining([
          'kubernetes/mcp-server.yaml',
          'kubernetes/egress-proxy.yaml',
        ]),
      );
    }
  });

  it('writes YAML that parses and JSON-compatible values only', () => {
    for (const { label, rendering } of renderings) {
      for (const file of rendering.files.filter(f =>
        f.path.endsWith('.yaml'),
      )) {
        const docs = parseAllDocuments(file.content);
        for (const doc of docs) {
          expect({
            label,
            file: file.path,
            errors: 'errors' in doc ? doc.errors : ['not a document'],
          }).toEqual({
            label,
            file: file.path,
            errors: [],
          });
        }
      }
    }
  });

  it('validates every compose file against the Compose Specification', () => {
    for (const { label, rendering } of renderings) {
      if (!rendering.compose) continue;
      const parsed = parseAllDocuments(
        rendering.files.find(f => f.path === 'compose.yaml')!.content,
      ).map(d => ('toJS' in d ? d.toJS() : undefined));
      expect({ label, errors: composeValidationErrors(parsed[0]) }).toEqual({
        label,
        errors: [],
      });
    }
  });

  it('validates every Kubernetes manifest with kubernetes-models', () => {
    const objects = renderings.flatMap(({ rendering }) =>
      rendering.files
        .filter(f => f.path.startsWith('kubernetes/'))
        .flatMap(f =>
          parseAllDocuments(f.content).map(d =>
            'toJS' in d ? d.toJS() : undefined,
          ),
        ),
    );
    expect(objects.length).toBeGreaterThan(50);
    expect(kubernetesValidationErrors(objects)).toEqual([]);
  });

  it('passes the validation the action runs before writing', () => {
    for (const { rendering } of renderings) {
      expect(() => validateRendering(rendering)).not.toThrow();
    }
  });
});

describe('validateRendering', () => {
  const plan = deploymentPlanOf(
    assessmentOf(
      {
        ...exampleProfile('github'),
        packages: exampleProfile('github').packages.map(p => ({
          ...p,
          transport: 'streamable-http',
        })),
      },
      'high',
    ),
  );

  it('rejects a Kubernetes object the schema refuses, and says which', () => {
    const rendering = renderDeployment(plan, {
      targets: ['kubernetes'],
      namespace: 'mcp',
    });
    (rendering.kubernetes[2].spec as any).replicas = 'one';
    const errors = kubernetesValidationErrors(rendering.kubernetes);
    expect(errors).toEqual([
      expect.stringMatching(/^Deployment\/github-mcp-server: .*replicas/),
    ]);
    expect(() => validateRendering(rendering)).toThrow(InvalidRenderingError);
  });

  it('rejects a compose file the Compose Specification refuses', () => {
    const rendering = renderDeployment(plan, {
      targets: ['compose'],
      namespace: 'mcp',
    });
    (rendering.compose!.services as any)['github-mcp-server'].cap_drop = 'ALL';
    expect(() => validateRendering(rendering)).toThrow(
      /compose\.services\.github-mcp-server\.cap_drop: must be array/,
    );
  });

  it('rejects alert rules that are not a valid rule file', () => {
    const rendering = renderDeployment(plan, { targets: [], namespace: 'mcp' });
    rendering.rules.groups[0].rules[0].for = 'ten minutes';
    expect(() => validateRendering(rendering)).toThrow(
      /not a Prometheus duration/,
    );
  });
});
