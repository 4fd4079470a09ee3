import {
  AssessmentSummary,
  AssessmentView,
  KnowledgeModelSummary,
  RecommendationWithDecision,
} from '@mcp-server-operator/plugin-mcp-security-common';

/** A recommendation with the fields the UI does not look at filled in. */
export function recommendationOf(
  recommendation: Pick<
    RecommendationWithDecision,
    'controlId' | 'title' | 'category' | 'priority' | 'status'
  > &
    Partial<RecommendationWithDecision>,
): RecommendationWithDecision {
  return {
    rationale: `Why ${recommendation.title}`,
    steps: [],
    verification: [],
    references: [],
    mitigates: [],
    ...recommendation,
  };
}

/** The assessment of the filesystem server, as the backend serves it. */
export const assessmentView: AssessmentView = {
  entityRef: 'api:default/filesystem',
  trust: {
    tier: 'community',
    score: 55,
    signals: [
      {
        id: 'source-repository',
        points: 15,
        reason: 'Source repository is public',
      },
      { id: 'unpinned', points: -10, reason: 'Package version is not pinned' },
    ],
  },
  risk: {
    level: 'high',
    score: 68,
    factors: [
      {
        id: 'exposure',
        dimension: 'likelihood',
        points: 12,
        reason: 'Reachable from the internet',
      },
      {
        id: 'capabilities',
        dimension: 'impact',
        points: 30,
        reason: 'Writes to the file system',
      },
    ],
  },
  residualRisk: { level: 'high', score: 68, reductions: [] },
  findings: [
    {
      id: 'bad-annotation',
      source: 'annotation',
      severity: 'low',
      field: 'mcp-security.io/exposure',
      message: 'Unknown exposure "public"',
    },
    {
      id: 'server-json-unreadable',
      source: 'server-json',
      severity: 'high',
      field: 'mcp-security.io/server-json',
      target: 'https://example.com/server.json',
      message: 'server.json could not be read: 404',
    },
  ],
  guidanceType: 'community',
  assuranceLevel: 'L3',
  maintenancePlan: [],
  recommendations: [
    recommendationOf({
      controlId: 'egress-allowlist',
      title: 'Allow outbound traffic to listed hosts only',
      category: 'network-egress',
      priority: 'P2',
      status: 'open',
    }),
    recommendationOf({
      controlId: 'run-in-container',
      title: 'Run the server in a container',
      category: 'runtime-isolation',
      priority: 'P1',
      status: 'open',
      rationale: 'A server that **writes files** can damage its host.',
      steps: [
        'Build an image:\n\n```sh\ndocker build -t filesystem-mcp .\n```',
        'Mount only the data directory read-write.',
      ],
      verification: ['`docker inspect` shows no host network.'],
      references: [
        {
          title: 'CoSAI MCP security: isolation',
          url: 'https://example.com/cosai/isolation',
        },
        { title: 'OWASP LLM06 Excessive Agency' },
      ],
      mitigates: [{ factor: 'capabilities', points: 10 }],
      template: 'template:default/containerised-mcp-server',
    }),
    recommendationOf({
      controlId: 'read-only-root',
      title: 'Use a read-only root file system',
      category: 'runtime-isolation',
      priority: 'P3',
      status: 'dismissed',
      decision: {
        controlId: 'read-only-root',
        status: 'dismissed',
        note: 'The server caches packages on disk',
        decidedBy: 'user:default/jane',
        decidedAt: '2026-11-19T09:30:00.000Z',
        version: 1,
      },
    }),
    recommendationOf({
      controlId: 'pin-version',
      title: 'Pin the package version',
      category: 'supply-chain',
      priority: 'P1',
      status: 'implemented',
      decision: {
        controlId: 'pin-version',
        status: 'implemented',
        decidedBy: 'user:default/jane',
        decidedAt: '2026-11-19T09:00:00.000Z',
        version: 1,
      },
    }),
  ],
  profile: {} as AssessmentView['profile'],
  profileHash: 'abc123',
  knowledgeVersion: 'kb-2026.11.1',
  engineVersion: '0.1.0',
  assessedAt: '2026-11-20T10:00:00.000Z',
};

/** Two past assessments of the filesystem server, newest first. */
export const assessmentHistory: AssessmentSummary[] = [
  {
    assessedAt: '2026-11-20T10:00:00.000Z',
    trust: { tier: 'community', score: 55 },
    risk: { level: 'high', score: 68 },
    knowledgeVersion: 'kb-2026.11.1',
    engineVersion: '0.1.0',
    profileHash: 'abc123',
  },
  {
    assessedAt: '2026-11-01T10:00:00.000Z',
    trust: { tier: 'unknown', score: 20 },
    risk: { level: 'critical', score: 81 },
    knowledgeVersion: 'kb-2026.10.2',
    engineVersion: '0.1.0',
    profileHash: 'def456',
  },
];

/**
 * The scoring model as an organisation overrode it: thresholds and texts that
 * differ from the shipped model.yaml, so that tests show the UI takes them
 * from the API. The assessments above score consistently with it.
 */
export const knowledgeModel: KnowledgeModelSummary = {
  version: 'kb-2026.11.1',
  riskLevels: { medium: 35, high: 55, critical: 75 },
  assuranceLevels: [
    {
      id: 'L1',
      name: 'Playground',
      description: 'Local experiments with synthetic data.',
    },
    {
      id: 'L2',
      name: 'Team',
      description: 'Team tools with internal data.',
    },
    {
      id: 'L3',
      name: 'Customer facing',
      description: 'Serves customers; the security review signs it off.',
    },
    {
      id: 'L4',
      name: 'Audited',
      description: 'In scope of the yearly audit.',
    },
  ],
  guidanceTypes: {
    trusted: {
      title: 'Vendor',
      description: 'Published by the vendor of the service it reaches.',
    },
    community: {
      title: 'Third party',
      description: 'Ask the platform team for a code review before use.',
    },
    unknown: {
      title: 'Unvetted',
      description: 'Run it in the isolated sandbox cluster only.',
    },
    enterprise: {
      title: 'In-house',
      description: 'Follows the internal release process.',
    },
    development: {
      title: 'Experimental',
      description: 'Never connect it to production accounts.',
    },
  },
};
