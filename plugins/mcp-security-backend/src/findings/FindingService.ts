import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  FindingRecord,
  FindingsImportRequest,
  FindingsImportSummary,
  mcpSecurityFindingsImportPermission,
} from '@mcp-server-operator/plugin-mcp-security-common';
import type { Request } from 'express';
import { FindingStore } from '../database/FindingStore';
import { AssessmentService } from '../service/AssessmentService';
import { audited } from '../service/audited';
import { authorizeEntity } from '../service/authorizeEntity';
import { parseReport } from './parseReport';

/**
 * Imports scanners' and audits' reports of findings about a server and
 * lists the open ones. An import re-assesses the server, so its findings
 * count in the risk at once.
 */
export class FindingService {
  constructor(
    private readonly options: {
      assessments: AssessmentService;
      store: FindingStore;
      permissions: PermissionsService;
      auditor: AuditorService;
      now?: () => Date;
    },
  ) {}

  /** Stores the report's findings: the whole report, or nothing when any of it is malformed. */
  async importReport(
    entityRef: CompoundEntityRef,
    request: FindingsImportRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    httpRequest?: Request,
  ): Promise<FindingsImportSummary> {
    return audited(
      this.options.auditor,
      {
        eventId: 'findings-import',
        meta: {
          entityRef: stringifyEntityRef(entityRef),
          format: request.format,
        },
        credentials,
        request: httpRequest,
        resultMeta: summary => ({
          sourceTools: summary.sourceTools.join(', '),
          new: summary.new,
          stillOpen: summary.stillOpen,
          resolved: summary.resolved,
        }),
      },
      async () => {
        const { assessments, store, permissions } = this.options;
        const ref = await assessments.getServerRef(entityRef, credentials);
        await authorizeEntity(
          permissions,
          mcpSecurityFindingsImportPermission,
          ref,
          credentials,
        );
        const { sourceTools, findings } = parseReport(
          request.format,
          request.report,
        );
        const stored = await store.recordImport(
          ref,
          sourceTools,
          findings,
          this.options.now?.() ?? new Date(),
        );
        const { risk } = await assessments.getAssessment(
          entityRef,
          credentials,
        );
        return {
          entityRef: ref,
          sourceTools,
          ...stored,
          risk: { level: risk.level, score: risk.score },
        };
      },
    );
  }

  /** The server's open imported findings, if the caller may read the server. */
  async list(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<FindingRecord[]> {
    const ref = await this.options.assessments.getServerRef(
      entityRef,
      credentials,
    );
    return (await this.options.store.openFindings([ref])).get(ref) ?? [];
  }
}
