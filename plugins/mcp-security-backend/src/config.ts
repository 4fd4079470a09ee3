import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { resolve } from 'node:path';
import { DEFAULT_MCP_SERVER_KINDS } from '@mcp-server-operator/plugin-mcp-security-common';
import { AdvisorySourceConfig } from './advisories/readAdvisorySource';

export interface McpSecurityConfig {
  kinds: readonly string[];
  serverJsonMaxBytes: number;
  sweepSchedule: SchedulerServiceTaskScheduleDefinition;
  housekeepingSchedule: SchedulerServiceTaskScheduleDefinition;
  /** Organisation knowledge folders, applied over the built-in knowledge base in order. */
  knowledgePaths: string[];
  /** How long after a completion a second one of the same task is refused unless marked as another. */
  repeatCompletionWindowMs: number;
  advisories: {
    sources: AdvisorySourceConfig[];
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** Largest OSV file or document read, in bytes. */
    maxBytes: number;
    timeoutMs: number;
  };
}

const DEFAULT_REPEAT_COMPLETION_WINDOW_MS = 60 * 60 * 1000;

const MS_PER: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** A duration from config in milliseconds; months and years have no fixed length and are refused. */
function durationMsFromConfig(config: Config, key: string): number {
  const duration = readDurationFromConfig(config, { key });
  return Object.entries(duration).reduce((total, [unit, amount]) => {
    if (!(unit in MS_PER)) {
      throw new Error(
        `mcpSecurity.${key} may use ${Object.keys(MS_PER).join(
          ', ',
        )}, not ${unit}`,
      );
    }
    return total + (amount ?? 0) * MS_PER[unit];
  }, 0);
}

const DEFAULT_ADVISORY_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 10 },
};

const DEFAULT_HOUSEKEEPING_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

const DEFAULT_SWEEP_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

const DEFAULT_SERVER_JSON_MAX_BYTES = 256 * 1024;

function readAdvisorySources(config: Config | undefined) {
  return (config?.getOptionalConfigArray('advisories.sources') ?? []).map(
    (source): AdvisorySourceConfig => {
      const path = source.getOptionalString('path');
      const url = source.getOptionalString('url');
      if ((path === undefined) === (url === undefined)) {
        throw new Error(
          'Each mcpSecurity.advisories.sources entry needs exactly one of "path" or "url"',
        );
      }
      return path !== undefined ? { path: resolve(path) } : { url: url! };
    },
  );
}

export function readMcpSecurityConfig(config: Config): McpSecurityConfig {
  const root = config.getOptionalConfig('mcpSecurity');
  return {
    kinds: root?.getOptionalStringArray('kinds') ?? DEFAULT_MCP_SERVER_KINDS,
    serverJsonMaxBytes:
      root?.getOptionalNumber('serverJson.maxBytes') ??
      DEFAULT_SERVER_JSON_MAX_BYTES,
    sweepSchedule: root?.has('sweep.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          root.getConfig('sweep.schedule'),
        )
      : DEFAULT_SWEEP_SCHEDULE,
    housekeepingSchedule: root?.has('housekeeping.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          root.getConfig('housekeeping.schedule'),
        )
      : DEFAULT_HOUSEKEEPING_SCHEDULE,
    knowledgePaths: (root?.getOptionalStringArray('knowledge.paths') ?? []).map(
      path => resolve(path),
    ),
    repeatCompletionWindowMs: root?.has('maintenance.repeatCompletionWindow')
      ? durationMsFromConfig(root, 'maintenance.repeatCompletionWindow')
      : DEFAULT_REPEAT_COMPLETION_WINDOW_MS,
    advisories: {
      sources: readAdvisorySources(root),
      schedule: root?.has('advisories.schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            root.getConfig('advisories.schedule'),
          )
        : DEFAULT_ADVISORY_SCHEDULE,
      maxBytes:
        root?.getOptionalNumber('advisories.maxBytes') ?? 32 * 1024 * 1024,
      timeoutMs:
        (root?.getOptionalNumber('advisories.timeoutSeconds') ?? 60) * 1000,
    },
  };
}
