import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AdvisoryMatch,
  Assessment,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore } from '../database/McpSecurityStore';
import type { AssessmentListener } from '../service/AssessmentService';
import { tabLink } from '../service/Housekeeper';

const line = (m: AdvisoryMatch) =>
  `${m.advisoryId} ${m.package.name}${
    m.package.version ? ` ${m.package.version}` : ''
  }: ${m.summary}${m.fixedVersion ? ` (fixed in ${m.fixedVersion})` : ''}`;

/**
 * Tells a server's owner when an advisory starts to match it, once per
 * advisory and server: the pair is claimed in the database before sending,
 * so a re-assessment, a failed send or another replica never repeats it.
 */
export class AdvisoryNotifier implements AssessmentListener {
  constructor(
    private readonly options: {
      store: McpSecurityStore;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async assessed(fresh: Assessment[]): Promise<void> {
    const matched = fresh.filter(
      a => a.entityRef && a.profile.owner && a.profile.advisories?.length,
    );
    if (matched.length === 0) return;
    const claimed = await this.options.store.claimAdvisoryNotifications(
      matched.flatMap(a =>
        a.profile.advisories!.map(m => ({
          entityRef: a.entityRef!,
          advisoryId: m.advisoryId,
        })),
      ),
      this.options.now?.() ?? new Date(),
    );
    for (const assessment of matched) {
      const entityRef = assessment.entityRef!;
      const owner = assessment.profile.owner!;
      const newlyMatching = assessment.profile.advisories!.filter(m =>
        claimed.some(
          c => c.entityRef === entityRef && c.advisoryId === m.advisoryId,
        ),
      );
      if (newlyMatching.length === 0) continue;
      const malicious = newlyMatching.some(m => m.malicious);
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: {
            title: malicious
              ? `${entityRef} runs a malicious package: remove it now`
              : `${newlyMatching.length} new advisor${
                  newlyMatching.length > 1 ? 'ies' : 'y'
                } for ${entityRef}`,
            description: newlyMatching.map(line).join('; '),
            link: tabLink(entityRef),
            severity: malicious ? 'critical' : 'high',
            topic: 'mcp-security-advisories',
          },
        });
      } catch (error) {
        // Without the notifications backend, send throws; the tab still shows the advisories.
        this.options.logger.warn(
          `Could not notify ${owner} about advisories on ${entityRef}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
  }
}
