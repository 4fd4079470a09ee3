import { createMockDirectory } from '@backstage/backend-test-utils';
import { BUILTIN_KNOWLEDGE_DIR } from '../__testUtils__/knowledge';
import { loadKnowledge } from './loadKnowledge';

const orgDir = createMockDirectory();
const laterOrgDir = createMockDirectory();

const control = (id: string, extra: object = {}) => ({
  id,
  title: 'Do the thing',
  category: 'lifecycle',
  conditions: { hasPackages: true },
  priority: { L1: 'P4', L2: 'P3', L3: 'P2', L4: 'P1' },
  rationale: 'Because.',
  steps: ['Step one'],
  verification: ['Check one'],
  references: [{ title: 'Seed' }],
  ...extra,
});

const yamlOf = (value: unknown) => JSON.stringify(value, null, 2);

describe('loadKnowledge', () => {
  beforeEach(() => {
    orgDir.clear();
    laterOrgDir.clear();
  });

  it('loads the built-in knowledge base with a content version', async () => {
    const knowledge = await loadKnowledge({
      builtinDir: BUILTIN_KNOWLEDGE_DIR,
    });
    expect(knowledge.version).toMatch(/^kb-[0-9a-f]{12}$/);
    expect(knowledge.model.risk.levels).toEqual({
      medium: 30,
      high: 50,
      critical: 70,
    });
    expect(knowledge.controls.length).toBeGreaterThan(0);
  });

  it('adds, replaces and disables controls and merges the model from an organisation folder', async () => {
    const builtin = await loadKnowledge({ builtinDir: BUILTIN_KNOWLEDGE_DIR });
    const replaced = builtin.controls[0].id;
    orgDir.setContent({
      'model.yaml': yamlOf({
        trust: { allowedNamespaces: ['com.acme'] },
        risk: { levels: { high: 45 } },
      }),
      controls: {
        'acme.yaml': yamlOf({
          controls: [
            control('acme-review'),
            control(replaced, { title: 'Our own wording' }),
          ],
        }),
      },
    });
    laterOrgDir.setContent({
      controls: {
        'off.yml': yamlOf({
          controls: [{ id: 'acme-review', disabled: true }],
        }),
      },
    });
    const knowledge = await loadKnowledge({
      builtinDir: BUILTIN_KNOWLEDGE_DIR,
      organisationDirs: [orgDir.path, laterOrgDir.path],
    });
    expect(knowledge.version).not.toBe(builtin.version);
    expect(knowledge.model.trust.allowedNamespaces).toEqual(['com.acme']);
    expect(knowledge.model.risk.levels).toEqual({
      medium: 30,
      high: 45,
      critical: 70,
    });
    expect(knowledge.controls.find(c => c.id === replaced)?.title).toBe(
      'Our own wording',
    );
    expect(knowledge.controls.some(c => c.id === 'acme-review')).toBe(false);
    expect(knowledge.controls).toHaveLength(builtin.controls.length);
  });

  it.each([
    [
      'a mistyped operator',
      {
        controls: [
          control('x', { conditions: { isolation: { $in_: ['none'] } } }),
        ],
      },
      /acme\.yaml: controls\.0\.conditions: Invalid filter predicate/,
    ],
    [
      'an unknown fact',
      { controls: [control('x', { conditions: { isolated: 'none' } })] },
      /controls\.0\.conditions: isolated: unknown field "isolated"/,
    ],
    [
      'a missing field',
      { controls: [{ ...control('x'), steps: undefined }] },
      /controls\.0\.steps/,
    ],
    [
      'an unknown risk factor',
      {
        controls: [
          control('x', { mitigates: [{ factor: 'vibes', points: 3 }] }),
        ],
      },
      /controls\.0\.mitigates\.0\.factor/,
    ],
    [
      'a duplicate id',
      { controls: [control('x'), control('x')] },
      /control x is defined twice/,
    ],
  ])(
    'refuses %s, naming file, path and reason',
    async (_what, content, message) => {
      orgDir.setContent({ controls: { 'acme.yaml': yamlOf(content) } });
      await expect(
        loadKnowledge({
          builtinDir: BUILTIN_KNOWLEDGE_DIR,
          organisationDirs: [orgDir.path],
        }),
      ).rejects.toThrow(message);
    },
  );

  it('refuses invalid YAML and a model override of the wrong type', async () => {
    orgDir.setContent({ 'model.yaml': 'risk: [' });
    await expect(
      loadKnowledge({
        builtinDir: BUILTIN_KNOWLEDGE_DIR,
        organisationDirs: [orgDir.path],
      }),
    ).rejects.toThrow(/model\.yaml: not valid YAML/);
    orgDir.setContent({
      'model.yaml': yamlOf({ risk: { levels: { high: 'lots' } } }),
    });
    await expect(
      loadKnowledge({
        builtinDir: BUILTIN_KNOWLEDGE_DIR,
        organisationDirs: [orgDir.path],
      }),
    ).rejects.toThrow(/risk\.levels\.high/);
  });

  it('refuses a capability inference pattern that is not a regular expression', async () => {
    orgDir.setContent({
      'model.yaml': yamlOf({
        provenance: {
          capabilityInference: [
            { capability: 'shell-exec', pattern: '(shell' },
          ],
        },
      }),
    });
    await expect(
      loadKnowledge({
        builtinDir: BUILTIN_KNOWLEDGE_DIR,
        organisationDirs: [orgDir.path],
      }),
    ).rejects.toThrow(
      /provenance\.capabilityInference\.0\.pattern: not a valid regular expression/,
    );
  });

  it('refuses a configured folder that does not exist', async () => {
    await expect(
      loadKnowledge({
        builtinDir: BUILTIN_KNOWLEDGE_DIR,
        organisationDirs: ['/no/such/folder'],
      }),
    ).rejects.toThrow(
      'mcpSecurity.knowledge.paths: /no/such/folder does not exist',
    );
  });
});
