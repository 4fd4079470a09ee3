import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Advice,
  AdviseRequest,
  Assessment,
  AssessmentSummary,
  AssessmentView,
  isMcpServerEntity,
  McpServerProfile,
  MCP_SERVER_SPEC_TYPE,
  mcpSecurityAssessmentRefreshPermission,
  mcpSecurityRecommendationUpdatePermission,
  RecommendationDecision,
  RecommendationDecisionRequest,
} from '@mcp-server-operator/plugin-mcp-security-common';
import {
  AssessmentFingerprint,
  McpSecurityStore,
} from '../database/McpSecurityStore';
import { AdvisoryIndex, withAdvisories } from '../engine/advisories';
import { withRegistryStatus } from '../engine/registryStatus';
import { RegistryStatusReader } from '../registry/RegistryStatusReader';
import { FindingStore } from '../database/FindingStore';
import { withImportedFindings } from '../findings/withImportedFindings';
import { assess, ENGINE_VERSION } from '../engine/assess';
import { profileHash } from '../engine/profileHash';
import { ToolFacts, withToolFacts } from '../engine/toolSnapshots';
import { viewOf } from '../engine/view';
import { Knowledge } from '../knowledge/loadKnowledge';
import { deriveProfile } from '../profile/deriveProfile';
import { ServerJsonReader } from '../reading/ServerJsonReader';
import { adviseOn } from './adviseOn';
import { audited } from './audited';
import { authorizeEntity } from './authorizeEntity';
import type { Request } from 'express';
/** Keeps derived state (maintenance schedules, scorecards) in step with assessments. */
export interface AssessmentListener {
  assessed(fresh: Assessment[], checkedRefs: string[]): Promise<void>;
  /** An owner decided on one of the server's recommendations. */
  decided?(
    assessment: Assessment,
    decisions: RecommendationDecision[],
  ): Promise<void>;
}

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Assesses MCP servers: catalog entity and server.json in, a stored
 * assessment out. A server whose profile, knowledge and engine are unchanged
 * keeps its current assessment instead of getting a new history entry.
 * Reads follow the caller's catalog access; mutations check permissions.
 */
export class AssessmentService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      reader: ServerJsonReader;
      store: McpSecurityStore;
      knowledge: Knowledge;
      /** The published advisories the servers' packages are matched against. */
      advisories: { index(): AdvisoryIndex };
      /** What the servers' tool snapshots add: poisoning findings, unreviewed changes. */
      tools: { factsOf(entityRefs: string[]): Promise<Map<string, ToolFacts>> };
      /** The findings imported from scanners and audits. */
      findings: Pick<FindingStore, 'openFindings'>;
      /** The registry status of the servers' registry names, from the registry entities in the catalog. */
      registry: Pick<RegistryStatusReader, 'statusesOf'>;
      permissions: PermissionsService;
      /** Told about every batch: the new assessments, and every server found current. */
      listeners: AssessmentListener[];
      kinds: readonly string[];
      auditor: AuditorService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** The MCP server entity as the caller may see it; 404 when missing, hidden or not an MCP server. */
  private async getServerEntity(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; ref: string }> {
    const ref = stringifyEntityRef(entityRef);
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} was found in the catalog`);
    }
    if (!isMcpServerEntity(entity, this.options.kinds)) {
      throw new NotFoundError(
        `${ref} is not an MCP server: only entities of kind ${this.options.kinds.join(
          ' or ',
        )} with spec.type "${MCP_SERVER_SPEC_TYPE}" are assessed`,
      );
    }
    return { entity, ref: stringifyEntityRef(entity) };
  }

  /** The server's full entity ref, if the caller may read it; nothing is assessed. */
  async getServerRef(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return (await this.getServerEntity(entityRef, credentials)).ref;
  }

  /** The current assessment of one server, read with the caller's catalog access. */
  async getAssessment(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Assessment> {
    const { entity } = await this.getServerEntity(entityRef, credentials);
    return this.currentAssessment(entity);
  }

  /** The current assessment with the owner's decisions and the residual risk. */
  async getAssessmentView(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<AssessmentView> {
    const assessment = await this.getAssessment(entityRef, credentials);
    return this.view(assessment);
  }

  async getHistory(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
    limit: number,
  ): Promise<AssessmentSummary[]> {
    const ref = await this.getServerRef(entityRef, credentials);
    return this.options.store.getAssessmentHistory(ref, { limit });
  }

  /** Re-reads the server's facts now; a new history entry only if anything changed. */
  async refresh(
    entityRef: CompoundEntityRef,
    credentials: UserCredentials,
    request?: Request,
  ): Promise<AssessmentView> {
    return audited(
      this.options.auditor,
      {
        eventId: 'assessment-refresh',
        meta: { entityRef: stringifyEntityRef(entityRef) },
        credentials,
        request,
      },
      async () => {
        const { entity, ref } = await this.getServerEntity(
          entityRef,
          credentials,
        );
        await authorizeEntity(
          this.options.permissions,
          mcpSecurityAssessmentRefreshPermission,
          ref,
          credentials,
        );
        return this.view(await this.currentAssessment(entity));
      },
    );
  }

  /** Records the caller's decision on one of the server's current recommendations. */
  async decide(
    entityRef: CompoundEntityRef,
    controlId: string,
    decision: RecommendationDecisionRequest,
    credentials: UserCredentials,
    request?: Request,
  ): Promise<AssessmentView> {
    return audited(
      this.options.auditor,
      {
        eventId: 'recommendation-decision',
        meta: {
          entityRef: stringifyEntityRef(entityRef),
          controlId,
          status: decision.status,
        },
        credentials,
        request,
      },
      () => this.recordDecision(entityRef, controlId, decision, credentials),
    );
  }

  private async recordDecision(
    entityRef: CompoundEntityRef,
    controlId: string,
    request: RecommendationDecisionRequest,
    credentials: UserCredentials,
  ): Promise<AssessmentView> {
    const { entity, ref } = await this.getServerEntity(entityRef, credentials);
    await authorizeEntity(
      this.options.permissions,
      mcpSecurityRecommendationUpdatePermission,
      ref,
      credentials,
    );
    const assessment = await this.currentAssessment(entity);
    if (!assessment.recommendations.some(r => r.controlId === controlId)) {
      throw new NotFoundError(
        `${controlId} is not among the current recommendations for ${ref}`,
      );
    }
    await this.options.store.recordDecision(
      ref,
      {
        controlId,
        status: request.status,
        ...(request.note ? { note: request.note } : {}),
        decidedBy: credentials.principal.userEntityRef,
        decidedAt: this.now().toISOString(),
      },
      request.version,
    );
    const decisions = await this.options.store.getDecisions(ref);
    for (const listener of this.options.listeners) {
      await listener.decided?.(assessment, decisions);
    }
    return viewOf(
      assessment,
      decisions,
      this.options.knowledge.model.risk.levels,
    );
  }

  /** An assessment of a server outside the catalog; nothing is stored. */
  advise(request: AdviseRequest): Advice {
    return adviseOn(
      request,
      this.options.knowledge,
      this.now(),
      this.options.advisories.index(),
    );
  }

  private async view(assessment: Assessment): Promise<AssessmentView> {
    const decisions = await this.options.store.getDecisions(
      assessment.entityRef!,
    );
    return viewOf(
      assessment,
      decisions,
      this.options.knowledge.model.risk.levels,
    );
  }

  /** Whether a stored assessment was computed from this profile, knowledge and engine. */
  private isCurrent(
    fingerprint: AssessmentFingerprint | undefined,
    profile: McpServerProfile,
  ) {
    return (
      fingerprint?.profileHash === profileHash(profile) &&
      fingerprint.knowledgeVersion === this.options.knowledge.version &&
      fingerprint.engineVersion === ENGINE_VERSION
    );
  }

  /** The servers' profiles, with matching advisories, open imported findings and tool facts. */
  private async derive(entities: Entity[]): Promise<McpServerProfile[]> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const [documents, findings, tools] = await Promise.all([
      Promise.all(entities.map(e => this.options.reader.read(e))),
      this.options.findings.openFindings(refs),
      this.options.tools.factsOf(refs),
    ]);
    const index = this.options.advisories.index();
    const profiles = entities.map((entity, i) =>
      deriveProfile(entity, documents[i]),
    );
    const statuses = await this.options.registry.statusesOf(
      profiles.flatMap(p => (p.registryName ? [p.registryName] : [])),
    );
    return profiles.map((profile, i) =>
      withToolFacts(
        withImportedFindings(
          withAdvisories(
            withRegistryStatus(
              profile,
              profile.registryName
                ? statuses.get(profile.registryName)
                : undefined,
            ),
            index,
          ),
          findings.get(refs[i]) ?? [],
        ),
        tools.get(refs[i]),
      ),
    );
  }

  /** The current assessment of one server entity, assessing it first if anything changed. */
  private async currentAssessment(entity: Entity): Promise<Assessment> {
    const ref = stringifyEntityRef(entity);
    const [stored, [profile]] = await Promise.all([
      this.options.store.getLatestAssessments([ref]),
      this.derive([entity]),
    ]);
    const existing = stored.get(ref);
    if (existing && this.isCurrent(existing, profile)) {
      return existing;
    }
    const assessment = assess(profile, this.options.knowledge, {
      entityRef: ref,
      now: this.now(),
    });
    await this.options.store.insertAssessments([assessment]);
    await this.notify([assessment], [ref]);
    return assessment;
  }

  /**
   * Brings the assessments of the given MCP server entities up to date, in
   * one batch, comparing fingerprints only; returns how many changed.
   */
  async assessEntities(entities: Entity[]): Promise<{ changed: number }> {
    const { knowledge, store } = this.options;
    const refs = entities.map(e => stringifyEntityRef(e));
    const [fingerprints, profiles] = await Promise.all([
      store.getLatestFingerprints(refs),
      this.derive(entities),
    ]);
    const now = this.now();
    const fresh = profiles.flatMap((profile, i) =>
      this.isCurrent(fingerprints.get(refs[i]), profile)
        ? []
        : [assess(profile, knowledge, { entityRef: refs[i], now })],
    );
    if (fresh.length > 0) {
      await store.insertAssessments(fresh);
    }
    await this.notify(fresh, refs);
    return { changed: fresh.length };
  }

  private async notify(fresh: Assessment[], checkedRefs: string[]) {
    for (const listener of this.options.listeners) {
      await listener.assessed(fresh, checkedRefs);
    }
  }
}
