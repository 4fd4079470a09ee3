import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** One configured registry. */
export interface McpRegistryProviderConfig {
  /** The provider id, also the catalog namespace of the registry's entities. */
  id: string;
  /** The base URL without a trailing slash. */
  baseUrl: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  owner: string;
  /** Allowed server name prefixes; undefined allows every name. */
  namespaces?: string[];
}

const CONFIG_KEY = 'catalog.providers.mcpServerRegistry';
// The id becomes a catalog namespace, so it must be one.
const NAMESPACE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads every configured registry; a bad entry stops start-up naming its config key. */
export function readProviderConfigs(
  config: Config,
): McpRegistryProviderConfig[] {
  const providers = config.getOptionalConfig(CONFIG_KEY);
  if (!providers) return [];
  return providers.keys().map(id => {
    const c = providers.getConfig(id);
    const key = `${CONFIG_KEY}.${id}`;
    if (!NAMESPACE_PATTERN.test(id) || id.length > 63) {
      throw new InputError(
        `${key}: the provider id must be a valid catalog namespace (lower-case letters, digits and dashes)`,
      );
    }
    const baseUrl = c.getString('baseUrl').replace(/\/+$/, '');
    let protocol: string;
    try {
      protocol = new URL(baseUrl).protocol;
    } catch {
      throw new InputError(`${key}.baseUrl: not a URL: ${baseUrl}`);
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new InputError(`${key}.baseUrl: must be an http(s) URL`);
    }
    return {
      id,
      baseUrl,
      schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(
        c.getConfig('schedule'),
      ),
      owner: c.getString('owner'),
      namespaces: c.getOptionalStringArray('namespaces'),
    };
  });
}
