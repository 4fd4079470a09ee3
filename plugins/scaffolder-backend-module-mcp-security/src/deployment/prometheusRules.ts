import { RiskLevel } from '@mcp-server-operator/plugin-mcp-security-common';
import {
  DeploymentPlan,
  DESTRUCTIVE_CAPABILITIES,
  isElevated,
  isSensitive,
} from './plan';
import { proxyName } from './kubernetes';
import { provenance, RenderedFile, yamlDocuments } from './text';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

/** Auth failures in 10 minutes before alerting: fewer as the risk rises. */
const AUTH_FAILURES: Record<RiskLevel, number> = {
  low: 50,
  medium: 20,
  high: 10,
  critical: 5,
};
/** How many times the usual call rate counts as a burst. */
const BURST_FACTOR: Record<RiskLevel, number> = {
  low: 10,
  medium: 5,
  high: 3,
  critical: 2,
};

/**
 * Prometheus alert rules for the server, from its assessment: the tool-call
 * and egress alerts of the monitoring guidance (on the metrics of the
 * gateway in front of the server and of the egress proxy's log), with
 * thresholds that tighten as the risk rises; alerts on destructive tool
 * calls when the server has destructive capabilities; and, where it runs on
 * Kubernetes, availability, restarts and memory against its limit.
 */
export function ruleFileOf(
  plan: DeploymentPlan,
  options: { kubernetes?: { namespace: string } } = {},
): RuleFile {
  const s = `server="${plan.name}"`;
  const elevated = isElevated(plan);
  const page = elevated || isSensitive(plan) ? 'critical' : 'warning';
  const rule = (
    alert: string,
    expr: string,
    severity: string,
    guidance: string,
    summary: string,
    duration?: string,
  ): AlertRule => ({
    alert,
    expr,
    ...(duration ? { for: duration } : {}),
    labels: { severity, server: plan.name, risk_level: plan.riskLevel },
    annotations: {
      summary,
      guidance,
      runbook: 'RUNBOOK.md#when-an-alert-fires',
    },
  });

  const serverRules: AlertRule[] = [
    rule(
      'McpServerEgressDenied',
      `sum(increase(mcp_egress_requests_total{${s},decision="denied"}[10m])) > 0`,
      page,
      'monitor-egress',
      `${plan.name} tried to reach a host outside its allow-list`,
    ),
    rule(
      'McpServerToolErrors',
      `sum(rate(mcp_tool_calls_total{${s},status="error"}[10m])) / sum(rate(mcp_tool_calls_total{${s}}[10m])) > 0.2`,
      'warning',
      'alert-on-anomalies',
      `More than 20% of ${plan.name}'s tool calls fail`,
      '10m',
    ),
  ];
  // A stdio server listens on Kubernetes too, through its bridge.
  if (plan.transport !== 'stdio' || (plan.bridge && options.kubernetes)) {
    serverRules.push(
      rule(
        'McpServerAuthFailures',
        `sum(increase(mcp_requests_total{${s},status=~"401|403"}[10m])) > ${
          AUTH_FAILURES[plan.riskLevel]
        }`,
        elevated ? page : 'warning',
        'require-client-authentication',
        `Repeated authentication failures against ${plan.name}`,
      ),
    );
  }
  if (plan.riskLevel !== 'low') {
    serverRules.push(
      rule(
        'McpServerToolCallBurst',
        `sum(rate(mcp_tool_calls_total{${s}}[5m])) > ${
          BURST_FACTOR[plan.riskLevel]
        } * sum(rate(mcp_tool_calls_total{${s}}[1d] offset 1d))`,
        elevated ? page : 'warning',
        'alert-on-anomalies',
        `${plan.name} is called far more often than usual`,
        '10m',
      ),
    );
  }
  const destructive = plan.facts.capabilities.filter(c =>
    DESTRUCTIVE_CAPABILITIES.includes(c),
  );
  if (destructive.length > 0) {
    // Unlike the other alerts this one fires on normal use: a server with
    // destructive capabilities is expected to run its destructive tools,
    // each approved under require-approval-for-destructive-tools. Paging on
    // every call would bury the alerts that mean something, so it is `info`
    // (a record for the audit trail and the owners' channel), and `warning`
    // only where the server is elevated or moves money.
    serverRules.push(
      rule(
        'McpServerDestructiveToolCall',
        `sum by (tool) (increase(mcp_tool_calls_total{${s},destructive="true"}[5m])) > 0`,
        plan.facts.capabilities.includes('financial-transactions') || elevated
          ? 'warning'
          : 'info',
        'require-approval-for-destructive-tools',
        `${plan.name} ran a destructive tool (${destructive.join(', ')})`,
      ),
    );
  }

  const groups: RuleFile['groups'] = [
    { name: `mcp-server-${plan.name}`, rules: serverRules },
  ];
  if (options.kubernetes) {
    const ns = `namespace="${options.kubernetes.namespace}"`;
    const pod = `${ns},container="mcp-server",pod=~"${plan.name}-[a-z0-9]+-[a-z0-9]+"`;
    groups.push({
      name: `mcp-server-${plan.name}-kubernetes`,
      rules: [
        rule(
          'McpServerUnavailable',
          `kube_deployment_status_replicas_available{${ns},deployment="${plan.name}"} < 1`,
          page,
          'check-security-control-health',
          `${plan.name} has no available replica`,
          '5m',
        ),
        rule(
          'McpEgressProxyUnavailable',
          `kube_deployment_status_replicas_available{${ns},deployment="${proxyName(
            plan,
          )}"} < 1`,
          'warning',
          'default-deny-egress-via-proxy',
          `${plan.name}'s egress proxy is down: the server has no way out (it fails closed)`,
          '5m',
        ),
        rule(
          'McpServerRestarting',
          `increase(kube_pod_container_status_restarts_total{${pod}}[30m]) > ${
            elevated ? 1 : 3
          }`,
          'warning',
          'check-performance-anomalies',
          `${plan.name} keeps restarting`,
        ),
        rule(
          'McpServerMemoryNearLimit',
          `max(container_memory_working_set_bytes{${pod}}) > ${Math.round(
            plan.limits.memoryBytes * 0.9,
          )}`,
          'warning',
          'check-performance-anomalies',
          `${plan.name} uses over 90% of its ${plan.limits.memory} memory limit`,
          '15m',
        ),
      ],
    });
  }
  return { groups };
}

/** The rule file of `rules`, the plan's ruleFileOf, with its comment. */
export function renderPrometheusRules(
  plan: DeploymentPlan,
  rules: RuleFile,
): RenderedFile {
  return {
    path: 'monitoring/prometheus-rules.yaml',
    content: yamlDocuments([
      {
        value: rules,
        comment: [
          ...provenance(plan),
          '',
          'A Prometheus rule file (rule_files:), or the spec of a PrometheusRule.',
          'mcp_tool_calls_total and mcp_requests_total come from the gateway or logging wrapper in front of',
          'the server; mcp_egress_requests_total from the egress proxy log (see RUNBOOK.md). Rename them to',
          'what your gateway exports.',
        ],
      },
    ]),
  };
}
