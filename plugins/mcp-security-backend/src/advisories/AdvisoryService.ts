import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { AdvisorySourceStatus } from '@mcp-server-operator/plugin-mcp-security-common';
import { AdvisoryIndex, indexAdvisories } from '../engine/advisories';
import {
  AdvisorySourceConfig,
  readAdvisoryFolder,
  readAdvisoryUrl,
  SourceContent,
  sourceName,
} from './readAdvisorySource';

interface SourceState {
  content?: SourceContent;
  etag?: string;
  loadedAt?: string;
  error?: string;
}

/**
 * Keeps the advisories of the configured sources in memory and matches
 * nothing itself: the engine matches against `index()`. A source that fails
 * keeps its last good records and reports the failure in `status()`.
 */
export class AdvisoryService {
  private current: AdvisoryIndex = new Map();
  private readonly states = new Map<string, SourceState>();

  constructor(
    private readonly options: {
      sources: AdvisorySourceConfig[];
      urlReader: UrlReaderService;
      logger: LoggerService;
      maxBytes: number;
      timeoutMs: number;
      now?: () => Date;
    },
  ) {}

  index(): AdvisoryIndex {
    return this.current;
  }

  status(): AdvisorySourceStatus[] {
    return this.options.sources.map(source => {
      const state = this.states.get(sourceName(source)) ?? {};
      return {
        source: sourceName(source),
        records: state.content?.records.length ?? 0,
        skipped: state.content?.skipped ?? [],
        ...(state.loadedAt ? { loadedAt: state.loadedAt } : {}),
        ...(state.error ? { error: state.error } : {}),
      };
    });
  }

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ) {
    // Every replica keeps its own copy in memory, so every replica loads.
    await scheduler.scheduleTask({
      id: 'mcp-security-advisories',
      scope: 'local',
      ...schedule,
      fn: async () => {
        await this.load();
      },
    });
  }

  /** Reads every source again and rebuilds the index; returns how many records are in use. */
  async load(): Promise<{ records: number }> {
    const { logger } = this.options;
    for (const source of this.options.sources) {
      const name = sourceName(source);
      const state = this.states.get(name) ?? {};
      try {
        const read = await this.read(source, state.etag);
        if (read) {
          state.content = read;
          state.etag = read.etag;
        }
        state.loadedAt = (this.options.now?.() ?? new Date()).toISOString();
        state.error = undefined;
        for (const skipped of state.content?.skipped ?? []) {
          logger.warn(
            `Advisory source ${name}: skipped ${skipped.file}: ${skipped.reason}`,
          );
        }
      } catch (error) {
        state.error = stringifyError(error);
        logger.error(
          `Advisory source ${name} could not be read; keeping its last good records: ${state.error}`,
        );
      }
      this.states.set(name, state);
    }
    const records = [...this.states.values()].flatMap(
      s => s.content?.records ?? [],
    );
    this.current = indexAdvisories(records);
    logger.info(
      `Advisories: ${records.length} records from ${this.options.sources.length} sources`,
    );
    return { records: records.length };
  }

  private async read(
    source: AdvisorySourceConfig,
    etag?: string,
  ): Promise<(SourceContent & { etag?: string }) | undefined> {
    if ('path' in source) {
      return readAdvisoryFolder(source.path, this.options.maxBytes);
    }
    return readAdvisoryUrl(this.options.urlReader, source.url, {
      maxBytes: this.options.maxBytes,
      timeoutMs: this.options.timeoutMs,
      etag,
    });
  }
}
