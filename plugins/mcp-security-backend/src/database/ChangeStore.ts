import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ChangeRequest,
  ChangeState,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { Knex } from 'knex';
import { groupBy } from '../lib/groupBy';

const BATCH_SIZE = 500;
const iso = (value: unknown) =>
  value === null || value === undefined
    ? undefined
    : new Date(value as string).toISOString();
const date = (value: string | undefined) => (value ? new Date(value) : null);

function toRow(change: ChangeRequest) {
  return {
    id: change.id,
    entity_ref: change.entityRef,
    change_type: change.changeType,
    title: change.title,
    description: change.description,
    rollback_plan: change.rollbackPlan,
    planned_start: date(change.plannedStart),
    planned_end: date(change.plannedEnd),
    emergency: change.emergency,
    risk_level: change.riskLevel,
    required_approvals: change.requirements.approvals,
    required_groups: JSON.stringify(change.requirements.requiredGroups),
    state: change.state,
    version: change.version,
    requested_by: change.requestedBy,
    created_at: new Date(change.createdAt),
    updated_at: new Date(change.updatedAt),
    approved_at: date(change.approvedAt),
    approval_expires_at: date(change.approvalExpiresAt),
    implemented_at: date(change.implementedAt),
    review_due_at: date(change.reviewDueAt),
    reviewed_at: date(change.reviewedAt),
  };
}

/** Drops undefined optional fields so stored and computed changes compare equal. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * Change requests with their votes and events. A transition is saved only if
 * the stored version is still the one it was computed from.
 */
export class ChangeStore {
  /** Uses the plugin database; its migrations run in DatabaseMcpSecurityStore.create. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<ChangeStore> {
    return new ChangeStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  private async hydrate(rows: any[]): Promise<ChangeRequest[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(r => r.id);
    const [votes, events] = [[], []] as [any[], any[]];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      const batch = ids.slice(i, i + BATCH_SIZE);
      votes.push(
        ...(await this.db('change_votes')
          .whereIn('change_id', batch)
          .orderBy('id')),
      );
      events.push(
        ...(await this.db('change_events')
          .whereIn('change_id', batch)
          .orderBy('id')),
      );
    }
    const votesOf = groupBy(votes, v => v.change_id);
    const eventsOf = groupBy(events, e => e.change_id);
    return rows.map(row =>
      compact({
        id: row.id,
        entityRef: row.entity_ref,
        changeType: row.change_type,
        title: row.title,
        description: row.description,
        rollbackPlan: row.rollback_plan,
        plannedStart: iso(row.planned_start),
        plannedEnd: iso(row.planned_end),
        emergency: Boolean(row.emergency),
        riskLevel: row.risk_level,
        requirements: {
          approvals: row.required_approvals,
          requiredGroups: JSON.parse(row.required_groups),
        },
        state: row.state,
        version: row.version,
        requestedBy: row.requested_by,
        createdAt: iso(row.created_at)!,
        updatedAt: iso(row.updated_at)!,
        approvedAt: iso(row.approved_at),
        approvalExpiresAt: iso(row.approval_expires_at),
        implementedAt: iso(row.implemented_at),
        reviewDueAt: iso(row.review_due_at),
        reviewedAt: iso(row.reviewed_at),
        votes: (votesOf.get(row.id) ?? []).map(v =>
          compact({
            voter: v.voter,
            decision: v.decision,
            phase: v.phase,
            comment: v.comment ?? undefined,
            groups: JSON.parse(v.groups),
            at: iso(v.at)!,
          }),
        ),
        events: (eventsOf.get(row.id) ?? []).map(e =>
          compact({
            transition: e.transition,
            from: e.from_state ?? undefined,
            to: e.to_state,
            actor: e.actor,
            comment: e.comment ?? undefined,
            at: iso(e.at)!,
          }),
        ),
      }),
    );
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    const rows = await this.db('changes').where({ id });
    return (await this.hydrate(rows))[0];
  }

  async list(filter: {
    entityRefs?: string[];
    states?: ChangeState[];
    limit: number;
  }): Promise<ChangeRequest[]> {
    const query = this.db('changes')
      .orderBy('created_at', 'desc')
      .limit(filter.limit);
    if (filter.entityRefs) query.whereIn('entity_ref', filter.entityRefs);
    if (filter.states) query.whereIn('state', filter.states);
    return this.hydrate(await query);
  }

  async create(change: ChangeRequest): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('changes').insert(toRow(change));
      await this.appendLogs(tx, change, 0, 0);
    });
  }

  /**
   * Saves a transition computed from `previous`: the row is updated only if
   * its version is still `previous.version`, so of two concurrent decisions
   * on the same version exactly one applies and the other gets a conflict.
   */
  async saveTransition(
    previous: ChangeRequest,
    next: ChangeRequest,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const updated = await tx('changes')
        .where({ id: previous.id, version: previous.version })
        .update(toRow(next));
      if (updated !== 1) {
        throw new ConflictError(
          `Change ${previous.id} was changed by someone else (version ${previous.version} is stale); reload it and try again`,
        );
      }
      await this.appendLogs(
        tx,
        next,
        previous.votes.length,
        previous.events.length,
      );
    });
  }

  private async appendLogs(
    tx: Knex.Transaction,
    change: ChangeRequest,
    votesFrom: number,
    eventsFrom: number,
  ) {
    const votes = change.votes.slice(votesFrom);
    const events = change.events.slice(eventsFrom);
    if (votes.length > 0) {
      await tx('change_votes').insert(
        votes.map(v => ({
          change_id: change.id,
          voter: v.voter,
          decision: v.decision,
          phase: v.phase,
          comment: v.comment ?? null,
          groups: JSON.stringify(v.groups),
          at: new Date(v.at),
        })),
      );
    }
    if (events.length > 0) {
      await tx('change_events').insert(
        events.map(e => ({
          change_id: change.id,
          transition: e.transition,
          from_state: e.from ?? null,
          to_state: e.to,
          actor: e.actor,
          comment: e.comment ?? null,
          at: new Date(e.at),
        })),
      );
    }
  }
}
