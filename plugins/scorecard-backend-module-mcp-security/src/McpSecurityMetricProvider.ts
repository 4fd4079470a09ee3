import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  McpSecurityFigures,
  McpSecurityService,
  mcpSecurityFigures,
} from '@mcp-server-operator/plugin-mcp-security-node';
import {
  Metric,
  ThresholdConfig,
} from '@red-hat-developer-hub/backstage-plugin-scorecard-common';
import { MetricProvider } from '@red-hat-developer-hub/backstage-plugin-scorecard-node';

/** The Scorecard datasource of every metric here: metric ids start with it. */
export const MCP_SECURITY_DATASOURCE = 'mcp-security';

/** One metric and the figure it shows. */
export interface McpSecurityMetric extends Metric<'number'> {
  figure: keyof McpSecurityFigures;
}

/**
 * Metrics that share thresholds, computed from one reading of a server: the
 * Scorecard keeps thresholds per provider, so the risk scores and the counts
 * of open work are two providers.
 */
export class McpSecurityMetricProvider implements MetricProvider<'number'> {
  constructor(
    private readonly options: {
      providerId: string;
      metrics: McpSecurityMetric[];
      thresholds: ThresholdConfig;
      kinds: string[];
      mcpSecurity: McpSecurityService;
    },
  ) {}

  getProviderDatasourceId(): string {
    return MCP_SECURITY_DATASOURCE;
  }

  getProviderId(): string {
    return this.options.providerId;
  }

  getMetricType(): 'number' {
    return 'number';
  }

  getMetric(): Metric<'number'> {
    return this.getMetrics()[0];
  }

  getMetrics(): Metric<'number'>[] {
    return this.options.metrics.map(({ figure: _figure, ...metric }) => metric);
  }

  getMetricIds(): string[] {
    return this.options.metrics.map(m => m.id);
  }

  getMetricThresholds(): ThresholdConfig {
    return this.options.thresholds;
  }

  getCatalogFilter(): Record<string, string | symbol | (string | symbol)[]> {
    return { kind: this.options.kinds, 'spec.type': 'mcp-server' };
  }

  async calculateMetric(entity: Entity): Promise<number> {
    const values = await this.calculateMetrics(entity);
    return values.get(this.options.metrics[0].id)!;
  }

  async calculateMetrics(entity: Entity): Promise<Map<string, number>> {
    const figures = await this.read(stringifyEntityRef(entity));
    return new Map(
      this.options.metrics.map(m => [m.id, figures[m.figure] as number]),
    );
  }

  private async read(ref: string): Promise<McpSecurityFigures> {
    const { mcpSecurity } = this.options;
    const assessment = await mcpSecurity.getAssessment(ref);
    if (!assessment) {
      throw new NotFoundError(`${ref} has no MCP Security assessment yet`);
    }
    const [maintenance, changes] = await Promise.all([
      mcpSecurity.getMaintenance(ref),
      mcpSecurity.getChanges(ref),
    ]);
    return mcpSecurityFigures(assessment, maintenance, changes);
  }
}
