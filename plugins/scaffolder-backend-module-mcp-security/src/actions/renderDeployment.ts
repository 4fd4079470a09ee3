import { promises as fs } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Assessment,
  AssessmentView,
  riskLevelSchema,
  trustTierSchema,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityBackendClient } from '../McpSecurityBackendClient';
import {
  deploymentPlanOf,
  DeploymentTarget,
  whyTargetDoesNotApply,
} from '../deployment/plan';
import {
  applicableTargets,
  renderDeployment,
  validateRendering,
} from '../deployment/render';
import {
  adviseContextInput,
  enumValues,
  parseAdviseContext,
} from './adviseContextInput';
import { examples } from './renderDeployment.examples';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Renders a hardened deployment of an MCP server, tailored to its
 * assessment: a Dockerfile, a compose file, Kubernetes manifests, the egress
 * proxy's allow-list, Prometheus alert rules and a RUNBOOK.md. Every file is
 * validated before anything is written.
 */
export function createRenderDeploymentAction(options: {
  client: Pick<McpSecurityBackendClient, 'getAssessment' | 'advise'>;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'mcp-security:render-deployment',
    description:
      'Renders a hardened deployment for an MCP server, tailored to its MCP Security assessment: Dockerfile, compose file, Kubernetes manifests, egress proxy allow-list, Prometheus alert rules and RUNBOOK.md.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string({
              description:
                'The catalog MCP server to deploy, e.g. api:default/filesystem. Give this or serverJson.',
            })
            .optional(),
        serverJson: z =>
          z
            .record(z.unknown(), {
              description:
                'A server.json of a server that is not in the catalog. Give this or entityRef.',
            })
            .optional(),
        context: z =>
          adviseContextInput(
            z,
            'Facts about where the server runs. For a server.json they go into its assessment; for a catalog server they override the entity for rendering.',
          ).optional(),
        targets: z =>
          z
            .array(z.enum(['dockerfile', 'compose', 'kubernetes'] as const), {
              description:
                'What to render besides the proxy allow-list, alert rules and runbook. Default: all that apply to the server.',
            })
            .optional(),
        // Checked by the handler, which names the field and the rule.
        namespace: z =>
          z
            .string({
              description:
                'Kubernetes namespace: lowercase letters, digits and "-", at most 63 characters. Default: mcp-servers.',
            })
            .optional(),
        targetPath: z =>
          z
            .string({
              description:
                'Folder in the workspace to write to. Default: the workspace root.',
            })
            .optional(),
      },
      output: {
        files: z =>
          z.array(z.string(), {
            description: 'The files written, relative to the workspace.',
          }),
        riskLevel: z =>
          z.enum(enumValues(riskLevelSchema), {
            description: "The server's assessed risk level.",
          }),
        trustTier: z =>
          z.enum(enumValues(trustTierSchema), {
            description: "The server's assessed trust tier.",
          }),
        entityRef: z =>
          z
            .string({ description: 'The catalog server, when one was given.' })
            .optional(),
      },
    },
    async handler(ctx) {
      const { entityRef, serverJson } = ctx.input;
      if (entityRef && serverJson) {
        throw new InputError('give entityRef or serverJson, not both');
      }
      if (!entityRef && !serverJson) {
        throw new InputError(
          'entityRef or serverJson is required: the server to deploy',
        );
      }
      const context = parseAdviseContext(ctx.input.context);
      const namespace = ctx.input.namespace ?? 'mcp-servers';
      if (!DNS_LABEL.test(namespace)) {
        throw new InputError(
          `namespace: "${namespace}" is not a Kubernetes namespace name: lowercase letters, digits and "-", at most 63 characters, starting and ending with a letter or digit`,
        );
      }
      // Resolved first, so a bad targetPath fails before the backend is called.
      let outputDir: string;
      try {
        outputDir = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.targetPath ?? '.',
        );
      } catch (error) {
        throw new InputError(`targetPath: ${(error as Error).message}`);
      }

      const credentials = await ctx.getInitiatorCredentials();
      let assessment: Assessment | AssessmentView;
      if (entityRef) {
        assessment = await client.getAssessment(entityRef, credentials);
      } else {
        assessment = await client.advise({ serverJson, context }, credentials);
      }
      // For a catalog server, declared facts override the entity for rendering only.
      const plan = deploymentPlanOf(assessment, entityRef ? context : {});
      for (const o of plan.overrides) {
        ctx.logger.warn(
          `${entityRef}: the template declares ${o.fact} "${o.declared}" but the catalog says "${o.catalog}"; rendering with the declared value. Update the entity's mcp-security.io annotation so they agree.`,
        );
      }

      // The schema's enum has refused any other target.
      const targets: DeploymentTarget[] =
        ctx.input.targets ?? applicableTargets(plan);
      for (const target of targets) {
        const why = whyTargetDoesNotApply(plan, target);
        if (why)
          throw new InputError(
            `targets: ${target} does not apply to ${plan.serverName}: ${why}`,
          );
      }
      const rendering = renderDeployment(plan, { targets, namespace });
      validateRendering(rendering);

      const written: string[] = [];
      for (const file of rendering.files) {
        const path = resolveSafeChildPath(outputDir, file.path);
        await fs.mkdir(dirname(path), { recursive: true });
        await fs.writeFile(path, file.content, 'utf8');
        written.push(relative(ctx.workspacePath, path).split(sep).join('/'));
      }
      ctx.logger.info(
        `Rendered ${written.length} files for ${plan.serverName} (risk ${
          plan.riskLevel
        }, trust ${plan.trustTier}): ${written.join(', ')}`,
      );
      ctx.output('files', written);
      ctx.output('riskLevel', assessment.risk.level);
      ctx.output('trustTier', assessment.trust.tier);
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
