import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { AdvisorySourceStatus } from '@mcp-server-operator/plugin-mcp-security-common';
import { AdvisoryStore } from '../database/AdvisoryStore';
import { AdvisoryIndex, indexAdvisories } from '../engine/advisories';
import {
  AdvisorySourceConfig,
  readAdvisoryFolder,
  readAdvisoryUrl,
  SkippedRecord,
  SourceContent,
  sourceName,
} from './readAdvisorySource';

interface SourceState {
  records: number;
  skipped: SkippedRecord[];
  etag?: string;
  loadedAt?: string;
  error?: string;
}

/**
 * Loads the advisories of the configured sources into the database and
 * keeps an index of them in memory; it matches nothing itself: the engine
 * matches against `index()`. A reload writes only records whose `modified`
 * changed. A source that fails, even at start-up, keeps its last good
 * records from the database and reports the failure in `status()`.
 */
export class AdvisoryService {
  private current: AdvisoryIndex = new Map();
  private readonly states = new Map<string, SourceState>();

  constructor(
    private readonly options: {
      sources: AdvisorySourceConfig[];
      store: AdvisoryStore;
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
      const state = this.states.get(sourceName(source));
      return {
        source: sourceName(source),
        records: state?.records ?? 0,
        skipped: state?.skipped ?? [],
        ...(state?.loadedAt ? { loadedAt: state.loadedAt } : {}),
        ...(state?.error ? { error: state.error } : {}),
      };
    });
  }

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ) {
    // Every replica keeps its own index in memory, so every replica loads.
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
    const { logger, store } = this.options;
    const names = this.options.sources.map(sourceName);
    for (const source of this.options.sources) {
      const name = sourceName(source);
      const state: SourceState = this.states.get(name) ?? {
        records: 0,
        skipped: [],
      };
      try {
        const read = await this.read(source, state.etag);
        if (read) {
          const { written, removed } = await store.replaceSource(
            name,
            read.records,
          );
          logger.info(
            `Advisory source ${name}: ${written} records written, ${removed} removed`,
          );
          state.skipped = read.skipped;
          state.etag = read.etag;
        }
        state.loadedAt = (this.options.now?.() ?? new Date()).toISOString();
        state.error = undefined;
        for (const skipped of state.skipped) {
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
    const stored = await store.records(names);
    for (const [name, records] of stored) {
      this.states.get(name)!.records = records.length;
    }
    const records = [...stored.values()].flat();
    this.current = indexAdvisories(records);
    logger.info(
      `Advisories: ${records.length} records from ${names.length} sources`,
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
