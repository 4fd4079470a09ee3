import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';

type Meta = Record<string, string | number | boolean>;

/**
 * Runs a mutation inside an auditor event that records its success or
 * failure. The services call it, so HTTP routes, MCP tools and scaffolder
 * actions all leave the same event; `request` is there only for HTTP, and
 * the actor is recorded either way.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    meta: Meta;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    request?: Request;
    /** What to add to the event once the mutation succeeded, e.g. a created id. */
    resultMeta?: (result: T) => Meta;
  },
  mutation: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.request,
    meta: options.meta,
  });
  const actor = { actor: options.credentials.principal.userEntityRef };
  try {
    const result = await mutation();
    await event.success({
      meta: { ...actor, ...options.resultMeta?.(result) },
    });
    return result;
  } catch (error) {
    await event.fail({ meta: actor, error: error as Error });
    throw error;
  }
}
