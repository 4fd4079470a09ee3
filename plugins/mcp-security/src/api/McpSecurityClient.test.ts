import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import { McpSecurityClient } from './McpSecurityClient';

const baseUrl = 'http://backstage/api/mcp-security';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A Backstage error body, as the backend's error handler sends it. */
function errorResponse(status: number, name: string, message: string) {
  return jsonResponse(
    { error: { name, message }, response: { statusCode: status } },
    status,
  );
}

/** The text of a file; jsdom's files have no text(). */
function textOf(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

describe('McpSecurityClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });

  function clientReturning(response: Response) {
    const fetch = jest.fn().mockResolvedValue(response);
    return {
      client: new McpSecurityClient({ discoveryApi, fetchApi: { fetch } }),
      fetch,
    };
  }

  describe('listAdvisories', () => {
    it('fetches the fleet view, passing the malicious filter only when given', async () => {
      const body = { advisories: [], sources: [] };
      const { client, fetch } = clientReturning(jsonResponse(body));
      await expect(client.listAdvisories({ malicious: true })).resolves.toEqual(
        body,
      );
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/advisories?malicious=true`,
        {
          method: 'GET',
        },
      );
      const other = clientReturning(jsonResponse(body));
      await other.client.listAdvisories();
      expect(other.fetch).toHaveBeenCalledWith(`${baseUrl}/advisories`, {
        method: 'GET',
      });
    });
  });

  describe('getAssessment', () => {
    it('fetches the assessment of an entity from the mcp-security backend', async () => {
      const { client, fetch } = clientReturning(
        jsonResponse({ risk: { level: 'high' } }),
      );

      await expect(
        client.getAssessment('api:default/filesystem'),
      ).resolves.toEqual({ risk: { level: 'high' } });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/assessment`,
        { method: 'GET' },
      );
    });

    it('encodes every path segment of a compound entity ref', async () => {
      const { client, fetch } = clientReturning(new Response('{}'));

      await client.getAssessment({
        kind: 'Component',
        namespace: 'team a',
        name: 'files/../admin',
      });

      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/Component/team%20a/files%2F..%2Fadmin/assessment`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError carrying the backend error on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP server api:default/nope'),
      );

      const error = await client
        .getAssessment('api:default/nope')
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({
        statusCode: 404,
        cause: {
          name: 'NotFoundError',
          message: 'No MCP server api:default/nope',
        },
      });
    });
  });

  describe('getAssessmentHistory', () => {
    it('fetches the history with a limit', async () => {
      const items = [{ assessedAt: '2026-11-20T10:00:00.000Z' }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));

      await expect(
        client.getAssessmentHistory('api:default/filesystem', { limit: 100 }),
      ).resolves.toEqual({ items });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/assessments?limit=100`,
        { method: 'GET' },
      );
    });

    it('leaves the limit to the backend when none is given', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ items: [] }));

      await client.getAssessmentHistory('api:default/filesystem');

      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/assessments`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP server'),
      );

      await expect(
        client.getAssessmentHistory('api:default/nope', { limit: 100 }),
      ).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('refreshAssessment', () => {
    it('posts a refresh without a body and answers with the new assessment', async () => {
      const { client, fetch } = clientReturning(
        jsonResponse({ assessedAt: '2026-11-21T08:00:00.000Z' }),
      );

      await expect(
        client.refreshAssessment('api:default/filesystem'),
      ).resolves.toEqual({ assessedAt: '2026-11-21T08:00:00.000Z' });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/assessment/refresh`,
        { method: 'POST' },
      );
    });

    it('throws a ResponseError when the user may not refresh', async () => {
      const { client } = clientReturning(
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      );

      const error = await client
        .refreshAssessment('api:default/filesystem')
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
    });
  });

  describe('decideRecommendation', () => {
    it('puts the decision with the version it saw as JSON on the encoded control id', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ ok: 1 }));

      await expect(
        client.decideRecommendation('api:default/filesystem', 'pin/version', {
          status: 'dismissed',
          note: 'Runs in a throwaway VM',
          version: 3,
        }),
      ).resolves.toEqual({ ok: 1 });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/recommendations/pin%2Fversion`,
        {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            status: 'dismissed',
            note: 'Runs in a throwaway VM',
            version: 3,
          }),
        },
      );
    });

    it('throws a ResponseError naming the invalid field', async () => {
      const { client } = clientReturning(
        errorResponse(
          400,
          'InputError',
          'note: a reason is required to dismiss a recommendation',
        ),
      );

      const error = await client
        .decideRecommendation('api:default/filesystem', 'pin-version', {
          status: 'dismissed',
          version: 0,
        })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({
        statusCode: 400,
        cause: { name: 'InputError', message: expect.stringContaining('note') },
      });
    });
  });

  describe('getMaintenance', () => {
    it('fetches the scheduled maintenance tasks of an entity', async () => {
      const items = [{ taskId: 'review-agent-access', status: 'overdue' }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));

      await expect(
        client.getMaintenance('api:default/filesystem'),
      ).resolves.toEqual({ items });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/maintenance`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP server'),
      );

      await expect(
        client.getMaintenance('api:default/nope'),
      ).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('completeMaintenanceTask', () => {
    it('posts the completion as JSON on the encoded task id', async () => {
      const task = { taskId: 'review/access', status: 'upcoming' };
      const { client, fetch } = clientReturning(jsonResponse(task, 201));

      await expect(
        client.completeMaintenanceTask(
          'api:default/filesystem',
          'review/access',
          { outcome: 'done-with-issues', evidence: 'Removed 2 tokens' },
        ),
      ).resolves.toEqual(task);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/maintenance/review%2Faccess/completions`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            outcome: 'done-with-issues',
            evidence: 'Removed 2 tokens',
          }),
        },
      );
    });

    it.each([
      [400, 'InputError', 'evidence: evidence is required'],
      [403, 'NotAllowedError', 'Unauthorized'],
      [409, 'ConflictError', 'review-access does not apply'],
    ])(
      'throws a ResponseError carrying a %s',
      async (status, name, message) => {
        const { client } = clientReturning(
          errorResponse(status, name, message),
        );

        const error = await client
          .completeMaintenanceTask('api:default/filesystem', 'review-access', {
            outcome: 'done',
            evidence: 'Checked',
          })
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ResponseError);
        expect(error).toMatchObject({
          statusCode: status,
          cause: { name, message },
        });
      },
    );
  });

  describe('getMaintenanceCompletions', () => {
    it('fetches the completions of one task with a limit', async () => {
      const items = [{ taskId: 'review-access', outcome: 'done' }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));

      await expect(
        client.getMaintenanceCompletions('api:default/filesystem', {
          taskId: 'review-access',
          limit: 20,
        }),
      ).resolves.toEqual({ items });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/maintenance/completions?taskId=review-access&limit=20`,
        { method: 'GET' },
      );
    });

    it('leaves the task and the limit to the backend when none is given', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ items: [] }));

      await client.getMaintenanceCompletions('api:default/filesystem');

      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/maintenance/completions`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(400, 'InputError', 'limit: too big'),
      );

      await expect(
        client.getMaintenanceCompletions('api:default/filesystem', {
          limit: 5000,
        }),
      ).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('downloadMaintenanceCalendar', () => {
    it('fetches the iCalendar file under the name the backend gives it', async () => {
      const calendar = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
      const { client, fetch } = clientReturning(
        new Response(calendar, {
          headers: {
            'Content-Type': 'text/calendar; charset=utf-8',
            // As Express's res.attachment() writes it.
            'Content-Disposition':
              'attachment; filename="filesystem-maintenance.ics"',
          },
        }),
      );

      const file = await client.downloadMaintenanceCalendar(
        'api:default/filesystem',
      );

      expect(file.name).toBe('filesystem-maintenance.ics');
      expect(file.type).toMatch(/^text\/calendar/);
      await expect(textOf(file)).resolves.toBe(calendar);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/maintenance.ics`,
        { method: 'GET' },
      );
    });

    it('names the file after the path when the header cannot be read', async () => {
      // A backend on another origin that does not expose the header.
      const { client } = clientReturning(new Response('BEGIN:VCALENDAR'));

      const file = await client.downloadMaintenanceCalendar(
        'api:default/filesystem',
      );

      expect(file.name).toBe('maintenance.ics');
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP server'),
      );

      await expect(
        client.downloadMaintenanceCalendar('api:default/nope'),
      ).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('listServerChanges', () => {
    it('fetches the change requests of an entity', async () => {
      const items = [{ id: 'c1', state: 'submitted' }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));
      await expect(
        client.listServerChanges('api:default/filesystem'),
      ).resolves.toEqual({ items });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/changes`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP server'),
      );
      await expect(
        client.listServerChanges('api:default/nope'),
      ).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('createChange', () => {
    const request = {
      changeType: 'security-update',
      title: 'Bump to 0.6.4',
      description: 'Fixes a path traversal',
      rollbackPlan: 'Pin 0.6.3 again',
      plannedStart: '2026-12-01T09:00:00.000Z',
      plannedEnd: '2026-12-01T10:00:00.000Z',
      emergency: false,
    };

    it('posts the draft as JSON and answers with it', async () => {
      const draft = { id: 'c1', state: 'draft', version: 1 };
      const { client, fetch } = clientReturning(jsonResponse(draft, 201));
      await expect(
        client.createChange('api:default/filesystem', request),
      ).resolves.toEqual(draft);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/entities/api/default/filesystem/changes`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        },
      );
    });

    it.each([
      [400, 'InputError', 'changeType: "x" is not a change type'],
      [403, 'NotAllowedError', 'Unauthorized'],
    ])(
      'throws a ResponseError carrying a %s',
      async (status, name, message) => {
        const { client } = clientReturning(
          errorResponse(status, name, message),
        );
        const error = await client
          .createChange('api:default/filesystem', request)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error).toMatchObject({
          statusCode: status,
          cause: { name, message },
        });
      },
    );
  });

  describe('listChanges', () => {
    it('fetches the changes waiting for the caller’s vote', async () => {
      const items = [{ id: 'c1' }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));
      await expect(client.listChanges({ awaiting: 'me' })).resolves.toEqual({
        items,
      });
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes?awaiting=me`, {
        method: 'GET',
      });
    });

    it('repeats the state and encodes the entity ref', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ items: [] }));
      await client.listChanges({
        state: ['submitted', 'approved'],
        entityRef: 'api:default/filesystem',
        limit: 50,
      });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/changes?state=submitted&state=approved&entityRef=api%3Adefault%2Ffilesystem&limit=50`,
        { method: 'GET' },
      );
    });

    it('leaves every filter to the backend when none is given', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ items: [] }));
      await client.listChanges();
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(400, 'InputError', 'state: invalid'),
      );
      await expect(client.listChanges()).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('getChange', () => {
    it('fetches one change by its encoded id', async () => {
      const change = { id: 'a/b', votes: [], events: [] };
      const { client, fetch } = clientReturning(jsonResponse(change));
      await expect(client.getChange('a/b')).resolves.toEqual(change);
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes/a%2Fb`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No change c9'),
      );
      await expect(client.getChange('c9')).rejects.toBeInstanceOf(
        ResponseError,
      );
    });
  });

  describe('transitionChange', () => {
    it('posts the version seen and the comment to the transition', async () => {
      const change = { id: 'c1', state: 'rejected', version: 3 };
      const { client, fetch } = clientReturning(jsonResponse(change));
      await expect(
        client.transitionChange('c1', 'reject', {
          version: 2,
          comment: 'No rollback tested',
        }),
      ).resolves.toEqual(change);
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes/c1/reject`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: 2, comment: 'No rollback tested' }),
      });
    });

    it('names roll-back as the backend does', async () => {
      const { client, fetch } = clientReturning(jsonResponse({}));
      await client.transitionChange('c1', 'roll-back', { version: 5 });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/changes/c1/roll-back`,
        expect.objectContaining({ method: 'POST' }),
      );
    });

    it.each([
      [
        403,
        'NotAllowedError',
        'alice requested change c1 and cannot approve it',
      ],
      [409, 'ConflictError', 'Change c1 is at version 3, not 2'],
    ])(
      'throws a ResponseError carrying a %s',
      async (status, name, message) => {
        const { client } = clientReturning(
          errorResponse(status, name, message),
        );
        const error = await client
          .transitionChange('c1', 'approve', { version: 2 })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error).toMatchObject({
          statusCode: status,
          cause: { name, message },
        });
      },
    );
  });

  describe('getChangeTypes', () => {
    it('fetches the change types and the approval policy', async () => {
      const body = {
        items: [{ id: 'security-update', baseRisk: 'medium' }],
        policy: { securityReviewGroup: 'group:default/security-team' },
      };
      const { client, fetch } = clientReturning(jsonResponse(body));
      await expect(client.getChangeTypes()).resolves.toEqual(body);
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/knowledge/change-types`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(500, 'Error', 'Knowledge base not loaded'),
      );
      await expect(client.getChangeTypes()).rejects.toBeInstanceOf(
        ResponseError,
      );
    });
  });

  describe('listControls', () => {
    it('fetches the controls of the knowledge base with its version', async () => {
      const body = { version: 'kb-2026.11.1', items: [{ id: 'pin-version' }] };
      const { client, fetch } = clientReturning(jsonResponse(body));

      await expect(client.listControls()).resolves.toEqual(body);
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/knowledge/controls`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(500, 'Error', 'Knowledge base not loaded'),
      );

      await expect(client.listControls()).rejects.toBeInstanceOf(ResponseError);
    });
  });

  describe('getKnowledgeModel', () => {
    it('fetches the summary of the scoring model', async () => {
      const model = {
        version: 'kb-2026.11.1',
        riskLevels: { medium: 30, high: 50, critical: 70 },
        assuranceLevels: [
          { id: 'L1', name: 'Sandbox', description: 'Experiments' },
        ],
        guidanceTypes: {
          trusted: { title: 'Trusted', description: 'An official server' },
        },
      };
      const { client, fetch } = clientReturning(jsonResponse(model));

      await expect(client.getKnowledgeModel()).resolves.toEqual(model);
      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/knowledge/model`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(500, 'Error', 'Knowledge base not loaded'),
      );

      await expect(client.getKnowledgeModel()).rejects.toBeInstanceOf(
        ResponseError,
      );
    });
  });

  describe('getScorecards', () => {
    it('fetches the scorecards grouped as asked', async () => {
      const body = { groupBy: 'system', levels: [], items: [] };
      const { client, fetch } = clientReturning(jsonResponse(body));

      await expect(
        client.getScorecards({ groupBy: 'system' }),
      ).resolves.toEqual(body);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/scorecards?groupBy=system`,
        {
          method: 'GET',
        },
      );
    });

    it('leaves the grouping to the backend when none is given', async () => {
      const { client, fetch } = clientReturning(jsonResponse({ items: [] }));

      await client.getScorecards();

      expect(fetch).toHaveBeenCalledWith(`${baseUrl}/scorecards`, {
        method: 'GET',
      });
    });

    it('throws a ResponseError when the scorecard permission is denied', async () => {
      const { client } = clientReturning(
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      );

      const error = await client.getScorecards().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
    });
  });

  describe('getScorecard', () => {
    it('fetches one group, its ref encoded as one path segment', async () => {
      const body = {
        scorecard: { groupRef: 'group:default/team-a' },
        servers: [],
      };
      const { client, fetch } = clientReturning(jsonResponse(body));

      await expect(
        client.getScorecard('group:default/team-a', { groupBy: 'owner' }),
      ).resolves.toEqual(body);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/scorecards/group%3Adefault%2Fteam-a?groupBy=owner`,
        { method: 'GET' },
      );
    });

    it('throws a ResponseError for a group without MCP servers', async () => {
      const { client } = clientReturning(
        errorResponse(404, 'NotFoundError', 'No MCP servers are grouped'),
      );

      await expect(
        client.getScorecard('group:default/nobody'),
      ).rejects.toMatchObject({ statusCode: 404 });
    });
  });

  describe('getScorecardTrend', () => {
    it('fetches the daily snapshots of a group over the days asked', async () => {
      const items = [{ day: '2026-11-20', figures: { servers: 2 } }];
      const { client, fetch } = clientReturning(jsonResponse({ items }));

      await expect(
        client.getScorecardTrend('system:default/tooling', {
          groupBy: 'system',
          days: 90,
        }),
      ).resolves.toEqual({ items });
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/scorecards/system%3Adefault%2Ftooling/trend?groupBy=system&days=90`,
        { method: 'GET' },
      );
    });
  });

  describe('downloadScorecardsCsv', () => {
    it('fetches the scorecards as a CSV file under the name the backend gives it', async () => {
      const csv = 'group,servers\r\ngroup:default/team-a,2\r\n';
      const { client, fetch } = clientReturning(
        new Response(csv, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition':
              'attachment; filename="mcp-security-scorecards-domain.csv"',
          },
        }),
      );

      const file = await client.downloadScorecardsCsv({ groupBy: 'domain' });

      expect(file.name).toBe('mcp-security-scorecards-domain.csv');
      expect(file.type).toMatch(/^text\/csv/);
      await expect(textOf(file)).resolves.toBe(csv);
      expect(fetch).toHaveBeenCalledWith(
        `${baseUrl}/scorecards.csv?groupBy=domain`,
        { method: 'GET' },
      );
    });

    it('names the file after the path, without the query, when the header cannot be read', async () => {
      const { client } = clientReturning(new Response('group,servers'));

      const file = await client.downloadScorecardsCsv({ groupBy: 'domain' });

      expect(file.name).toBe('scorecards.csv');
    });

    it('throws a ResponseError on failure', async () => {
      const { client } = clientReturning(
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      );

      await expect(client.downloadScorecardsCsv()).rejects.toBeInstanceOf(
        ResponseError,
      );
    });
  });
});
