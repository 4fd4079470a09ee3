import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMcpServerEntity,
  MCP_SERVER_SPEC_TYPE,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore, SweepResult } from '../database/McpSecurityStore';
import { AssessmentService } from './AssessmentService';

/** Catalog entities read and assessed per round trip. */
const PAGE_SIZE = 500;

/**
 * Re-assesses every MCP server in the catalog on a schedule. The task is
 * global, so one replica runs it at a time; it reads the catalog in pages and
 * writes in batches, and servers whose profile is unchanged cost no write.
 */
export class Sweeper {
  constructor(
    private readonly options: {
      auth: AuthService;
      catalog: CatalogService;
      assessments: AssessmentService;
      store: McpSecurityStore;
      logger: LoggerService;
      kinds: readonly string[];
    },
  ) {}

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ) {
    await scheduler.scheduleTask({
      id: 'mcp-security-sweep',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(): Promise<SweepResult> {
    const { store, logger } = this.options;
    const runId = await store.startSweepRun(new Date());
    const result: SweepResult = { servers: 0, assessed: 0, failed: 0 };
    for await (const page of this.pages()) {
      result.servers += page.length;
      const { changed, failed } = await this.assessPage(page);
      result.assessed += changed;
      result.failed += failed;
    }
    await store.finishSweepRun(runId, { ...result, finishedAt: new Date() });
    logger.info(
      `MCP security sweep: ${result.servers} servers, ${result.assessed} re-assessed, ${result.failed} failed`,
    );
    return result;
  }

  private async *pages(): AsyncGenerator<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const filter = {
      kind: [...this.options.kinds],
      'spec.type': MCP_SERVER_SPEC_TYPE,
    };
    let cursor: string | undefined;
    do {
      const response = await this.options.catalog.queryEntities(
        cursor ? { cursor, limit: PAGE_SIZE } : { filter, limit: PAGE_SIZE },
        { credentials },
      );
      // The same rule as the assessment route, whatever the catalog's filter matched.
      yield response.items.filter(e =>
        isMcpServerEntity(e, this.options.kinds),
      );
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
  }

  /** One batch for the page; if the batch fails, one server at a time so a bad one cannot sink the rest. */
  private async assessPage(
    page: Entity[],
  ): Promise<{ changed: number; failed: number }> {
    try {
      const { changed } = await this.options.assessments.assessEntities(page);
      return { changed, failed: 0 };
    } catch {
      let changed = 0;
      let failed = 0;
      for (const entity of page) {
        try {
          changed += (await this.options.assessments.assessEntities([entity]))
            .changed;
        } catch (error) {
          failed += 1;
          this.options.logger.warn(
            `Could not assess ${stringifyEntityRef(entity)}: ${stringifyError(
              error,
            )}`,
          );
        }
      }
      return { changed, failed };
    }
  }
}
