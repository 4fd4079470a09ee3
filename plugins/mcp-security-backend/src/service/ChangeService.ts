import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  ChangeCreateRequest,
  ChangeRequest,
  ChangeRequestView,
  ChangeState,
  ChangeTransition,
  ChangeTransitionRequest,
  mcpSecurityChangeApprovePermission,
  mcpSecurityChangeCreatePermission,
  mcpSecurityChangeImplementPermission,
  awaitsVoteOf,
  planChange,
} from '@mcp-server-operator/plugin-mcp-security-common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { ChangeStore } from '../database/ChangeStore';
import { applyTransition, changeView } from '../engine/changes';
import { Knowledge } from '../knowledge/loadKnowledge';
import { AssessmentService } from './AssessmentService';
import { audited } from './audited';
import { authorizeEntity } from './authorizeEntity';
import { tabLink } from './Housekeeper';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Acts on decisions about changes, e.g. a new tool baseline once a tool change is approved. */
export interface ChangeListener {
  /** `change` went from the `previous` state to its current one; runs before the caller gets the answer. */
  transitioned(previous: ChangeState, change: ChangeRequest): Promise<void>;
}

const PERMISSION_FOR: Record<
  ChangeTransition,
  typeof mcpSecurityChangeApprovePermission
> = {
  submit: mcpSecurityChangeCreatePermission,
  cancel: mcpSecurityChangeCreatePermission,
  approve: mcpSecurityChangeApprovePermission,
  reject: mcpSecurityChangeApprovePermission,
  implement: mcpSecurityChangeImplementPermission,
  verify: mcpSecurityChangeImplementPermission,
  'roll-back': mcpSecurityChangeImplementPermission,
};

/**
 * Change requests on MCP servers: created by owners, decided by approvers
 * under the approval policy, carried out and verified. Every transition is
 * permission-checked for the server, version-checked, logged and audited
 * here, whichever way it was asked for (HTTP, MCP tool).
 */
export class ChangeService {
  constructor(
    private readonly options: {
      store: ChangeStore;
      assessments: AssessmentService;
      catalog: CatalogService;
      knowledge: Knowledge;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      notifications: NotificationService;
      logger: LoggerService;
      auditor: AuditorService;
      now?: () => Date;
    },
  ) {}

  private readonly listeners: ChangeListener[] = [];

  /** Listeners are added after construction, as they usually need this service themselves. */
  addListener(listener: ChangeListener) {
    this.listeners.push(listener);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private view(change: ChangeRequest): ChangeRequestView {
    return changeView(change, this.now());
  }

  async listForServer(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView[]> {
    const ref = await this.options.assessments.getServerRef(
      entityRef,
      credentials,
    );
    const changes = await this.options.store.list({
      entityRefs: [ref],
      limit: 500,
    });
    return changes.map(c => this.view(c));
  }

  async create(
    entityRef: CompoundEntityRef,
    request: ChangeCreateRequest,
    credentials: UserCredentials,
    httpRequest?: Request,
  ): Promise<ChangeRequestView> {
    return this.audited(
      'change-create',
      {
        entityRef: stringifyEntityRef(entityRef),
        changeType: request.changeType,
      },
      credentials,
      httpRequest,
      async () => {
        const draft = await this.draft(entityRef, request, credentials);
        await this.options.store.create(draft);
        return this.view(draft);
      },
    );
  }

  /**
   * Creates and submits a change in one write, for callers that cannot
   * follow up with a second request (MCP tools): a change that could not be
   * submitted is never stored, so retries leave no drafts behind. It leaves
   * the same auditor events as a create followed by a submit.
   */
  async createAndSubmit(
    entityRef: CompoundEntityRef,
    request: ChangeCreateRequest,
    credentials: UserCredentials,
  ): Promise<ChangeRequestView> {
    return this.audited(
      'change-create',
      {
        entityRef: stringifyEntityRef(entityRef),
        changeType: request.changeType,
      },
      credentials,
      undefined,
      async () => {
        const draft = await this.draft(entityRef, request, credentials);
        const submitted = await this.audited(
          'change-transition',
          { changeId: draft.id, transition: 'submit', version: draft.version },
          credentials,
          undefined,
          async () => {
            // Submitting needs the create permission, checked for the draft.
            const next = await this.apply(draft, 'submit', {}, credentials);
            await this.options.store.create(next);
            return next;
          },
        );
        await this.notify(draft.state, submitted);
        return this.view(submitted);
      },
    );
  }

  /** A new draft change, permission-checked and planned; nothing is stored. */
  private async draft(
    entityRef: CompoundEntityRef,
    request: ChangeCreateRequest,
    credentials: UserCredentials,
  ): Promise<ChangeRequest> {
    const assessment = await this.options.assessments.getAssessment(
      entityRef,
      credentials,
    );
    const ref = assessment.entityRef!;
    await authorizeEntity(
      this.options.permissions,
      mcpSecurityChangeCreatePermission,
      ref,
      credentials,
    );
    const plan = planChange(request, {
      changeTypes: this.options.knowledge.changeTypes,
      policy: this.options.knowledge.approvalPolicy,
      serverRisk: assessment.risk.level,
    });
    if ('problem' in plan) {
      throw new InputError(plan.problem);
    }
    const at = this.now().toISOString();
    return {
      id: randomUUID(),
      entityRef: ref,
      changeType: plan.changeType.id,
      title: request.title,
      description: request.description,
      rollbackPlan: request.rollbackPlan,
      ...(request.plannedStart
        ? { plannedStart: new Date(request.plannedStart).toISOString() }
        : {}),
      ...(request.plannedEnd
        ? { plannedEnd: new Date(request.plannedEnd).toISOString() }
        : {}),
      emergency: request.emergency,
      riskLevel: plan.riskLevel,
      requirements: plan.requirements,
      state: 'draft',
      version: 1,
      requestedBy: credentials.principal.userEntityRef,
      createdAt: at,
      updatedAt: at,
      votes: [],
      events: [
        {
          transition: 'create',
          to: 'draft',
          actor: credentials.principal.userEntityRef,
          at,
        },
      ],
    };
  }

  private audited<T extends { id: string }>(
    eventId: string,
    meta: Record<string, string | number>,
    credentials: UserCredentials,
    request: Request | undefined,
    mutation: () => Promise<T>,
  ): Promise<T> {
    return audited(
      this.options.auditor,
      {
        eventId,
        meta,
        credentials,
        request,
        resultMeta: result => ({ changeId: result.id }),
      },
      mutation,
    );
  }

  /** A change the caller may see: they must be able to read its server in the catalog. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView> {
    const change = await this.options.store.get(id);
    const visible =
      change &&
      (await this.options.catalog.getEntityByRef(change.entityRef, {
        credentials,
      }));
    if (!change || !visible) {
      throw new NotFoundError(`No change ${id}`);
    }
    return this.view(change);
  }

  async transition(
    id: string,
    transition: ChangeTransition,
    request: ChangeTransitionRequest,
    credentials: UserCredentials,
    httpRequest?: Request,
  ): Promise<ChangeRequestView> {
    return this.audited(
      'change-transition',
      { changeId: id, transition, version: request.version },
      credentials,
      httpRequest,
      async () => {
        const change = await this.get(id, credentials);
        await authorizeEntity(
          this.options.permissions,
          PERMISSION_FOR[transition],
          change.entityRef,
          credentials,
        );
        if (request.version !== change.version) {
          throw new ConflictError(
            `Change ${id} is at version ${change.version}, not ${request.version}; reload it and try again`,
          );
        }
        const next = await this.apply(change, transition, request, credentials);
        await this.options.store.saveTransition(change, next);
        for (const listener of this.listeners) {
          await listener.transitioned(change.state, next);
        }
        await this.notify(change.state, next);
        return this.view(next);
      },
    );
  }

  /** The change after the caller's transition; the caller's permission is checked before. */
  private async apply(
    change: ChangeRequest,
    transition: ChangeTransition,
    request: { comment?: string },
    credentials: UserCredentials,
  ): Promise<ChangeRequest> {
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    return applyTransition(change, transition, {
      actor: {
        userRef: credentials.principal.userEntityRef,
        groups: ownershipEntityRefs.filter(r => r.startsWith('group:')),
      },
      comment: request.comment,
      now: this.now(),
      policy: this.options.knowledge.approvalPolicy,
    });
  }

  /**
   * Changes the caller can list, filtered by state and server, and optionally
   * only those waiting for the caller's vote. Servers the caller cannot read
   * are left out.
   */
  async list(
    filter: {
      states?: ChangeState[];
      entityRef?: string;
      awaitingMyVote?: boolean;
      limit: number;
    },
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView[]> {
    const changes = await this.options.store.list({
      states: filter.awaitingMyVote
        ? ['submitted', 'implemented']
        : filter.states,
      entityRefs: filter.entityRef ? [filter.entityRef] : undefined,
      limit: filter.limit,
    });
    const refs = [...new Set(changes.map(c => c.entityRef))];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const readable = new Set(refs.filter((_, i) => items[i]));
    let views = changes
      .filter(c => readable.has(c.entityRef))
      .map(c => this.view(c));
    if (filter.awaitingMyVote) {
      views = await this.awaitingVoteOf(views, credentials);
    }
    return views;
  }

  /** The changes the caller could vote on now and is allowed to. */
  private async awaitingVoteOf(
    views: ChangeRequestView[],
    credentials: BackstageCredentials,
  ): Promise<ChangeRequestView[]> {
    const principal = credentials.principal as Partial<BackstageUserPrincipal>;
    if (principal.type !== 'user' || !principal.userEntityRef) return [];
    const open = views.filter(v => awaitsVoteOf(v, principal.userEntityRef!));
    if (open.length === 0) return [];
    const decisions = await this.options.permissions.authorize(
      open.map(v => ({
        permission: mcpSecurityChangeApprovePermission,
        resourceRef: v.entityRef,
      })),
      { credentials },
    );
    return open.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW);
  }

  /** Approvers hear of submissions, requesters of decisions; a missing notifications backend is only logged. */
  private async notify(previous: ChangeState, change: ChangeRequest) {
    if (previous === change.state) return;
    const message = this.messageFor(change);
    if (!message) return;
    try {
      await this.options.notifications.send(message);
    } catch (error) {
      this.options.logger.warn(
        `Could not notify about change ${change.id}: ${stringifyError(error)}`,
      );
    }
  }

  private messageFor(
    change: ChangeRequest,
  ): NotificationSendOptions | undefined {
    const link = `${tabLink(change.entityRef)}?change=${change.id}`;
    if (change.state === 'submitted') {
      const urgent =
        change.riskLevel === 'critical' || change.riskLevel === 'high';
      return {
        recipients: {
          type: 'entity',
          entityRef: this.options.knowledge.approvalPolicy.approverGroups,
          excludeEntityRef: change.requestedBy,
        },
        payload: {
          title: `Change waiting for approval on ${change.entityRef}: ${change.title}`,
          description: `${change.riskLevel} risk; needs ${change.requirements.approvals} approval(s)`,
          link,
          severity: urgent ? 'high' : 'normal',
          topic: 'mcp-security-changes',
        },
      };
    }
    if (change.state === 'approved' || change.state === 'rejected') {
      return {
        recipients: { type: 'entity', entityRef: change.requestedBy },
        payload: {
          title: `Your change on ${change.entityRef} was ${change.state}: ${change.title}`,
          description: change.events.at(-1)?.comment,
          link,
          severity: 'normal',
          topic: 'mcp-security-changes',
        },
      };
    }
    return undefined;
  }
}
