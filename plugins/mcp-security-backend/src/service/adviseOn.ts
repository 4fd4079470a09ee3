import { Entity } from '@backstage/catalog-model';
import {
  AdviseContext,
  Advice,
  AdviseRequest,
  MCP_SECURITY_ANNOTATIONS,
  McpServerProfile,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { AdvisoryIndex, withAdvisories } from '../engine/advisories';
import { assess } from '../engine/assess';
import { Knowledge } from '../knowledge/loadKnowledge';
import { serverFromClientConfig } from '../profile/clientConfig';
import { deriveProfile } from '../profile/deriveProfile';
import { ServerJsonSource } from '../reading/ServerJsonReader';

/** The advise context says in camelCase what annotations say for catalog servers. */
function annotationsOf(context: AdviseContext = {}): Record<string, string> {
  const a = MCP_SECURITY_ANNOTATIONS;
  const entries: [string, string | undefined][] = [
    [a.deploymentContext, context.deploymentContext],
    [a.exposure, context.exposure],
    [a.dataClassification, context.dataClassification],
    [a.capabilities, context.capabilities?.join(',')],
    [a.isolation, context.isolation],
    [a.auth, context.auth],
    [a.egressAllowlist, context.egressAllowlist?.join(',')],
  ];
  return Object.fromEntries(
    entries.filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
}

/** The profile of a server that is not in the catalog, as `adviseOn` assesses it. */
export function profileForAdvice(
  request: AdviseRequest,
  advisories: AdvisoryIndex = new Map(),
): McpServerProfile {
  const fromClient = request.clientConfig
    ? serverFromClientConfig(request.clientConfig, request.serverName)
    : undefined;
  const source: ServerJsonSource = request.serverJson
    ? {
        status: 'read',
        target: 'serverJson',
        text: JSON.stringify(request.serverJson),
      }
    : { status: 'absent' };
  const name =
    fromClient?.name ??
    (typeof request.serverJson?.name === 'string'
      ? request.serverJson.name
      : 'server');
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, annotations: annotationsOf(request.context) },
    spec: { type: 'mcp-server', remotes: fromClient?.remotes ?? [] },
  };
  const profile = withAdvisories(deriveProfile(entity, source), advisories);
  profile.findings.push(...(fromClient?.findings ?? []));
  return profile;
}

/** How many findings and packages advice lists; the scores count them all. */
export const ADVICE_LISTS = { findings: 50, packages: 20 } as const;

/**
 * Assesses a server that is not in the catalog, from its server.json or a
 * client configuration plus declared context, matched against the loaded
 * advisories. Nothing is stored or fetched. The lists in the answer are capped, so its size is bounded whatever the
 * input; `omitted` says how many were left out.
 */
export function adviseOn(
  request: AdviseRequest,
  knowledge: Knowledge,
  now: Date,
  advisories: AdvisoryIndex = new Map(),
): Advice {
  const assessment = assess(profileForAdvice(request, advisories), knowledge, {
    now,
  });
  const { findings, packages } = assessment.profile;
  return {
    ...assessment,
    findings: assessment.findings.slice(0, ADVICE_LISTS.findings),
    profile: {
      ...assessment.profile,
      findings: findings.slice(0, ADVICE_LISTS.findings),
      packages: packages.slice(0, ADVICE_LISTS.packages),
    },
    omitted: {
      findings: Math.max(0, assessment.findings.length - ADVICE_LISTS.findings),
      packages: Math.max(0, packages.length - ADVICE_LISTS.packages),
    },
  };
}
