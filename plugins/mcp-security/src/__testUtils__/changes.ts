import {
  ChangeRequestView,
  ChangeType,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { ChangeApprovalPolicy } from '../api';

/** Three of the knowledge base's change types: low, medium and high base risk. */
export const changeTypes: ChangeType[] = [
  {
    id: 'dependency-update',
    title: 'Dependency update',
    description: 'A routine bump of a dependency with no known vulnerability.',
    baseRisk: 'low',
    securityReview: false,
    emergencyAllowed: false,
  },
  {
    id: 'security-update',
    title: 'Security update',
    description: 'A patch or version bump that fixes a vulnerability.',
    baseRisk: 'medium',
    securityReview: false,
    emergencyAllowed: true,
  },
  {
    id: 'permission-change',
    title: 'Permission change',
    description: 'Changes what the server or its agents may do.',
    baseRisk: 'high',
    securityReview: true,
    emergencyAllowed: true,
  },
];

/** The dev portal's approval policy, as the backend serves it. */
export const approvalPolicy: ChangeApprovalPolicy = {
  approvals: {
    low: { count: 1, requiredGroups: [] },
    medium: { count: 1, requiredGroups: [] },
    high: { count: 2, requiredGroups: ['group:default/security-team'] },
    critical: { count: 2, requiredGroups: ['group:default/security-team'] },
  },
  securityReviewGroup: 'group:default/security-team',
  approverGroups: ['group:default/security-team'],
  approvalExpiry: { days: 14 },
  emergencyReviewWindow: { hours: 48 },
};

/**
 * A change request on the filesystem server, submitted by alice and waiting
 * for approvals; override what a test looks at.
 */
export function changeOf(
  change: Partial<ChangeRequestView> = {},
): ChangeRequestView {
  return {
    id: 'change-1',
    entityRef: 'api:default/filesystem',
    changeType: 'security-update',
    title: 'Bump the filesystem server to 0.6.4',
    description: 'Fixes a path traversal outside the allowed directories.',
    rollbackPlan: 'Pin 0.6.3 again and restart the clients.',
    plannedStart: '2026-12-01T09:00:00.000Z',
    plannedEnd: '2026-12-01T10:00:00.000Z',
    emergency: false,
    riskLevel: 'high',
    requirements: {
      approvals: 2,
      requiredGroups: ['group:default/security-team'],
    },
    state: 'submitted',
    version: 2,
    requestedBy: 'user:default/alice',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:05:00.000Z',
    votes: [],
    events: [
      {
        transition: 'create',
        to: 'draft',
        actor: 'user:default/alice',
        at: '2026-11-20T10:00:00.000Z',
      },
      {
        transition: 'submit',
        from: 'draft',
        to: 'submitted',
        actor: 'user:default/alice',
        at: '2026-11-20T10:05:00.000Z',
      },
    ],
    approvalsReceived: 0,
    missingGroups: ['group:default/security-team'],
    approvalExpired: false,
    reviewOverdue: false,
    ...change,
  };
}

/** The change above once sam of the security team approved it: 1 of 2. */
export function approvedOnceBySam(): ChangeRequestView {
  const change = changeOf();
  return {
    ...change,
    version: 3,
    votes: [
      {
        voter: 'user:default/sam',
        decision: 'approve',
        phase: 'approval',
        comment: 'Looks safe',
        groups: ['group:default/security-team'],
        at: '2026-11-20T11:00:00.000Z',
      },
    ],
    events: [
      ...change.events,
      {
        transition: 'approve',
        from: 'submitted',
        to: 'submitted',
        actor: 'user:default/sam',
        comment: 'Looks safe',
        at: '2026-11-20T11:00:00.000Z',
      },
    ],
    approvalsReceived: 1,
    missingGroups: [],
  };
}
