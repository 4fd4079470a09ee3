import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DatabaseMcpSecurityStore } from '../database/DatabaseMcpSecurityStore';
import { ServerJsonReader } from '../reading/ServerJsonReader';
import { mcpServerEntity } from '../__fixtures__';
import { builtinKnowledge } from '../__testUtils__/knowledge';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AssessmentService } from './AssessmentService';
import { MaintenanceService } from './MaintenanceService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ref = { kind: 'api', namespace: 'default', name: 'server' };
const user = mockCredentials.user('user:default/alice');

const serverAt = (
  version: string,
  annotations: Record<string, string> = {},
): Entity =>
  mcpServerEntity({
    annotations: {
      'mcp-security.io/deployment-context': 'production',
      'mcp-security.io/isolation': 'none',
      ...annotations,
    },
    remotes: [{ type: 'stdio', url: `npx -y some-server@${version}` }],
  });

describe.each(databases.eachSupportedId())(
  'AssessmentService on %p',
  databaseId => {
    let knex: Knex;
    let current: Entity;
    let now: Date;

    async function createServices() {
      knex = await databases.init(databaseId);
      const store = await DatabaseMcpSecurityStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const knowledge = await builtinKnowledge();
      const permissions = mockServices.permissions();
      const maintenance = new MaintenanceService({
        store,
        knowledge,
        permissions,
        auditor: mockServices.auditor.mock(),
        repeatCompletionWindowMs: 60_000,
        now: () => now,
      });
      const assessments = new AssessmentService({
        catalog: catalogServiceMock.mock({
          getEntityByRef: jest.fn(async () => current),
        }),
        store,
        reader: new ServerJsonReader({
          urlReader: mockServices.urlReader.mock(),
          integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
          maxBytes: 1024,
        }),
        knowledge,
        advisories: { index: () => new Map() },
        tools: { factsOf: async () => new Map() },
        findings: { openFindings: async () => new Map() },
        registry: { statusesOf: async () => new Map() },
        permissions,
        listeners: [maintenance],
        kinds: ['API'],
        auditor: mockServices.auditor.mock(),
        now: () => now,
      });
      return { assessments, maintenance };
    }

    beforeEach(() => {
      now = new Date('2026-11-21T10:00:00.000Z');
    });

    it('keeps owners’ decisions across re-assessments and adds history only on change', async () => {
      current = serverAt('1.0.0');
      const { assessments } = await createServices();

      const first = await assessments.getAssessmentView(ref, user);
      const controlId = first.recommendations[0].controlId;
      await assessments.decide(
        ref,
        controlId,
        { status: 'accepted', version: 0 },
        user,
      );

      current = serverAt('1.0.1');
      const second = await assessments.getAssessmentView(ref, user);
      expect(second.profileHash).not.toBe(first.profileHash);
      expect(
        second.recommendations.find(r => r.controlId === controlId),
      ).toMatchObject({
        status: 'accepted',
        decision: { decidedBy: 'user:default/alice' },
      });

      await assessments.getAssessmentView(ref, user);
      const history = await assessments.getHistory(ref, user, 10);
      expect(history.map(h => h.profileHash)).toEqual([
        second.profileHash,
        first.profileHash,
      ]);
    });

    it('schedules the plan’s tasks and follows a change of the risk level', async () => {
      current = serverAt('1.0.0', {
        'mcp-security.io/data-classification': 'public',
        'mcp-security.io/capabilities': 'read-only-api',
        'mcp-security.io/deployment-context': 'development',
        'mcp-security.io/isolation': 'container',
        'mcp-security.io/exposure': 'local',
      });
      const { assessments, maintenance } = await createServices();
      const calm = await assessments.getAssessment(ref, user);
      const before = await maintenance.list('api:default/server');
      expect(before.map(t => t.taskId).sort()).toEqual(
        calm.maintenancePlan.map(p => p.taskId).sort(),
      );
      expect(before.length).toBeGreaterThan(0);

      // The same server now runs shell commands on restricted data in production.
      now = new Date('2026-11-22T10:00:00.000Z');
      current = serverAt('1.0.0', {
        'mcp-security.io/data-classification': 'restricted',
        'mcp-security.io/capabilities': 'shell-exec,credentials-access',
      });
      const tense = await assessments.getAssessment(ref, user);
      expect(['high', 'critical']).toContain(tense.risk.level);
      const after = await maintenance.list('api:default/server');
      const order = ['daily', 'weekly', 'monthly', 'quarterly'];
      for (const task of after.filter(t =>
        before.some(b => b.taskId === t.taskId),
      )) {
        const was = before.find(b => b.taskId === task.taskId)!;
        expect(order.indexOf(task.cadence)).toBeLessThanOrEqual(
          order.indexOf(was.cadence),
        );
      }
      expect(
        after.some(
          t =>
            order.indexOf(t.cadence) <
            order.indexOf(
              before.find(b => b.taskId === t.taskId)?.cadence ?? 'daily',
            ),
        ),
      ).toBe(true);
    });
  },
);
