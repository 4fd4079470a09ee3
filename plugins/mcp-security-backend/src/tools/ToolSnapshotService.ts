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
  ChangeRequest,
  ChangeState,
  mcpSecurityToolSnapshotImportPermission,
  ToolList,
  ToolSnapshotImport,
} from '@mcp-server-operator/plugin-mcp-security-common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import {
  StoredToolSnapshot,
  ToolSnapshotStore,
} from '../database/ToolSnapshotStore';
import {
  describeDiff,
  diffTools,
  normaliseTools,
  toolListHash,
} from '../engine/toolSnapshots';
import { AssessmentService } from '../service/AssessmentService';
import { audited } from '../service/audited';
import { authorizeEntity } from '../service/authorizeEntity';
import { ChangeListener, ChangeService } from '../service/ChangeService';

/** The change type that reviews a drift from the baseline (knowledge/change-types). */
export const TOOL_DEFINITION_CHANGE = 'tool-definition-change';

/** The change request's description holds at most this much of the diff (the request schema's limit). */
const MAX_DESCRIPTION = 10_000;

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Tool definitions of MCP servers: imports `tools/list` snapshots, pins the
 * first as the server's baseline, and opens a `tool-definition-change`
 * request for any later snapshot that differs; approving it makes that
 * snapshot the baseline.
 */
export class ToolSnapshotService implements ChangeListener {
  constructor(
    private readonly options: {
      store: ToolSnapshotStore;
      assessments: AssessmentService;
      changes: ChangeService;
      permissions: PermissionsService;
      auditor: AuditorService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Imports a server's `tools/list` result; audited, and checked against the import permission. */
  async import(
    entityRef: CompoundEntityRef,
    list: ToolList,
    credentials: UserCredentials,
    request?: Request,
  ): Promise<ToolSnapshotImport> {
    return audited(
      this.options.auditor,
      {
        eventId: 'tool-snapshot-import',
        meta: { entityRef: stringifyEntityRef(entityRef) },
        credentials,
        request,
        resultMeta: result => ({
          snapshotId: result.snapshot.id,
          status: result.status,
          ...(result.changeId ? { changeId: result.changeId } : {}),
        }),
      },
      () => this.record(entityRef, list, credentials),
    );
  }

  private async record(
    entityRef: CompoundEntityRef,
    list: ToolList,
    credentials: UserCredentials,
  ): Promise<ToolSnapshotImport> {
    const { assessments, store, permissions } = this.options;
    const ref = await assessments.getServerRef(entityRef, credentials);
    await authorizeEntity(
      permissions,
      mcpSecurityToolSnapshotImportPermission,
      ref,
      credentials,
    );
    const tools = normaliseTools(list.tools);
    const snapshot: StoredToolSnapshot = {
      id: randomUUID(),
      entityRef: ref,
      hash: toolListHash(tools),
      tools,
      importedBy: credentials.principal.userEntityRef,
      importedAt: this.now().toISOString(),
    };
    const state = (await store.states([ref])).get(ref);
    if (!state) {
      await store.insertFirst(snapshot);
      return { snapshot: summary(snapshot), status: 'baseline' };
    }
    // The same list again: nothing new to record or review.
    if (state.latest.hash === snapshot.hash) {
      return this.answer(state.latest, state.baseline);
    }
    if (state.baseline.hash === snapshot.hash) {
      await store.insert(snapshot);
      return { snapshot: summary(snapshot), status: 'unchanged' };
    }
    const diff = diffTools(state.baseline.tools, tools);
    // The change first: a snapshot is never left without its review.
    const change = await this.options.changes.createAndSubmit(
      entityRef,
      {
        changeType: TOOL_DEFINITION_CHANGE,
        title: `Tool definitions changed (${[
          diff.added.length ? `${diff.added.length} added` : '',
          diff.removed.length ? `${diff.removed.length} removed` : '',
          diff.changed.length ? `${diff.changed.length} changed` : '',
        ]
          .filter(Boolean)
          .join(', ')})`,
        description: cut(
          `Snapshot ${snapshot.hash.slice(
            0,
            12,
          )} differs from the baseline ${state.baseline.hash.slice(
            0,
            12,
          )}.\n${describeDiff(diff)}`,
        ),
        rollbackPlan: `Reject, then pin the server to the release that serves the baseline tools (${state.baseline.hash.slice(
          0,
          12,
        )}) or disable it in the clients until the change is understood.`,
        emergency: false,
      },
      credentials,
    );
    await store.insert({ ...snapshot, changeId: change.id });
    return {
      snapshot: summary(snapshot),
      status: 'drift',
      diff,
      changeId: change.id,
    };
  }

  private answer(
    latest: StoredToolSnapshot,
    baseline: StoredToolSnapshot,
  ): ToolSnapshotImport {
    if (latest.hash === baseline.hash) {
      return { snapshot: summary(latest), status: 'unchanged' };
    }
    return {
      snapshot: summary(latest),
      status: 'drift',
      diff: diffTools(baseline.tools, latest.tools),
      ...(latest.changeId ? { changeId: latest.changeId } : {}),
    };
  }

  /** An approved tool-definition change makes the snapshot it reviews the baseline. */
  async transitioned(previous: ChangeState, change: ChangeRequest) {
    if (
      change.changeType !== TOOL_DEFINITION_CHANGE ||
      change.state !== 'approved' ||
      previous === 'approved'
    ) {
      return;
    }
    const snapshot = await this.options.store.forChange(change.id);
    if (snapshot) {
      await this.options.store.setBaseline(snapshot, change.id, this.now());
    }
  }
}

function summary(snapshot: StoredToolSnapshot): ToolSnapshotImport['snapshot'] {
  const { tools: _tools, changeId: _changeId, ...rest } = snapshot;
  return rest;
}

function cut(text: string): string {
  return text.length <= MAX_DESCRIPTION
    ? text
    : `${text.slice(
        0,
        MAX_DESCRIPTION - 60,
      )}\n… (the diff continues in the snapshot)`;
}
