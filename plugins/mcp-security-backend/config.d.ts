import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the MCP Security plugin. */
  mcpSecurity?: {
    /**
     * Catalog kinds that count as MCP servers when their `spec.type` is
     * `mcp-server`. Defaults to API and Component.
     */
    kinds?: string[];
    sweep?: {
      /**
       * When to re-assess every MCP server in the catalog. Defaults to every
       * 30 minutes, with a 15-minute timeout and a 30-second initial delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    housekeeping?: {
      /**
       * When to look for newly overdue maintenance and notify owners. Defaults
       * to every 15 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    knowledge?: {
      /**
       * Folders with the organisation's own knowledge: `model.yaml` merged over
       * the built-in model, `controls/*.yaml` adding, replacing or disabling
       * controls by id. Relative paths resolve from the backend's working
       * directory. Applied in order; an invalid file stops start-up.
       */
      paths?: string[];
    };
    maintenance?: {
      /**
       * How long after a task is completed a second completion of it is
       * refused (409), unless the request says it is another completion
       * (`repeat: true`): retries and double clicks do not count a cycle
       * twice. A duration such as `{ minutes: 30 }` or an ISO 8601 duration
       * such as `PT30M`; months and years are not allowed. Defaults to one hour.
       */
      repeatCompletionWindow?:
        | {
            weeks?: number;
            days?: number;
            hours?: number;
            minutes?: number;
            seconds?: number;
            milliseconds?: number;
          }
        | string;
    };
    advisories?: {
      /**
       * Where published advisories (OSV records, schema 1.x) come from:
       * `path`, a folder searched recursively for `*.json` files (for
       * example a checkout of ossf/malicious-packages), relative to the
       * backend's working directory; or `url`, one OSV JSON document (a
       * record or an array of records) or an OSV zip export (such as an
       * ecosystem's `all.zip`) read through the UrlReader, so
       * `backend.reading.allow` or an integration must permit its host.
       * A malformed record is skipped and logged; a source that cannot be
       * read keeps its last good records.
       */
      sources?: Array<{ path: string } | { url: string }>;
      /** When to reload the sources. Defaults to every 6 hours with a 10-minute timeout. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Largest file or document read, in bytes, and for a zip export the
       * most its entries may inflate to in all. Defaults to 33554432 (32 MiB).
       */
      maxBytes?: number;
      /** How long to wait for a URL source. Defaults to 60 seconds. */
      timeoutSeconds?: number;
    };
    serverJson?: {
      /** Largest server.json read, in bytes; a larger file becomes a finding. Defaults to 262144. */
      maxBytes?: number;
    };
  };
}
