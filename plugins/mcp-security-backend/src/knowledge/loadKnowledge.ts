import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  ScorecardLevels,
  scorecardLevelsSchema,
  ApprovalPolicy,
  approvalPolicySchema,
  ChangeTypeDefinition,
  changeTypeFileSchema,
  ControlDefinition,
  controlFileSchema,
  DisabledEntry,
  MaintenanceTaskDefinition,
  maintenanceTaskFileSchema,
  modelSchema,
  RiskModel,
  ToolPoisoningRule,
  toolPoisoningRuleFileSchema,
} from './schema';

/** The guidance the engine applies: scoring model and controls, with a version that changes with any content. */
export interface Knowledge {
  version: string;
  model: RiskModel;
  controls: ControlDefinition[];
  maintenanceTasks: MaintenanceTaskDefinition[];
  changeTypes: ChangeTypeDefinition[];
  toolPoisoningRules: ToolPoisoningRule[];
  approvalPolicy: ApprovalPolicy;
  scorecardLevels: ScorecardLevels;
}

/** A knowledge file that cannot be used; the message names the file, the path in it and the reason. */
export class KnowledgeError extends Error {
  name = 'KnowledgeError';
}

async function readYaml(file: string, shownAs: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8');
  try {
    return parse(text);
  } catch (error) {
    throw new KnowledgeError(
      `${shownAs}: not valid YAML: ${(error as Error).message}`,
    );
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, shownAs: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map(
      issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new KnowledgeError(`${shownAs}: ${reasons.join('; ')}`);
  }
  return parsed.data;
}

async function exists(path: string) {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

/** Objects merge key by key; anything else (lists included) is replaced. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (
    base &&
    override &&
    typeof base === 'object' &&
    typeof override === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(override)
  ) {
    const merged: Record<string, unknown> = {
      ...(base as Record<string, unknown>),
    };
    for (const [key, value] of Object.entries(override)) {
      merged[key] = deepMerge(merged[key], value);
    }
    return merged;
  }
  return override;
}

async function yamlFiles(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  return (await fs.readdir(dir))
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => join(dir, name));
}

/**
 * Entries of one kind, keyed by id, as folders are applied in order: a later
 * folder adds, replaces or (with `disabled: true`) removes entries.
 */
class Collection<T extends { id: string }> {
  readonly entries = new Map<string, T>();

  constructor(
    readonly folder: string,
    readonly what: string,
    private readonly schema: z.ZodType<(T | DisabledEntry)[]>,
  ) {}

  async apply(dir: string, shown: (file: string) => string) {
    const seenInFolder = new Set<string>();
    for (const file of await yamlFiles(join(dir, this.folder))) {
      const entries = check(
        this.schema,
        await readYaml(file, shown(file)),
        shown(file),
      );
      for (const entry of entries) {
        if (seenInFolder.has(entry.id)) {
          throw new KnowledgeError(
            `${shown(file)}: ${this.what} ${entry.id} is defined twice`,
          );
        }
        seenInFolder.add(entry.id);
        if ('disabled' in entry) {
          this.entries.delete(entry.id);
        } else {
          this.entries.set(entry.id, entry as T);
        }
      }
    }
  }
}

/**
 * Loads the built-in knowledge base and then each organisation folder in
 * order. A folder may hold `model.yaml` (merged over the model) and
 * `controls/*.yaml` (controls added, replaced by id, or switched off with
 * `disabled: true`). Any invalid file stops loading with its reason.
 */
export async function loadKnowledge(options: {
  builtinDir: string;
  organisationDirs?: string[];
}): Promise<Knowledge> {
  const dirs = [options.builtinDir, ...(options.organisationDirs ?? [])];
  let rawModel: unknown;
  let rawPolicy: unknown;
  let rawLevels: unknown;
  const controls = new Collection<ControlDefinition>(
    'controls',
    'control',
    controlFileSchema,
  );
  const maintenanceTasks = new Collection<MaintenanceTaskDefinition>(
    'maintenance-tasks',
    'maintenance task',
    maintenanceTaskFileSchema,
  );
  const changeTypes = new Collection<ChangeTypeDefinition>(
    'change-types',
    'change type',
    changeTypeFileSchema,
  );

  const toolPoisoningRules = new Collection<ToolPoisoningRule>(
    'tool-poisoning',
    'tool poisoning rule',
    toolPoisoningRuleFileSchema,
  );

  for (const [index, dir] of dirs.entries()) {
    const isBuiltin = index === 0;
    const shown = (file: string) =>
      isBuiltin ? `knowledge/${relative(dir, file)}` : file;
    if (isBuiltin && !(await exists(dir))) {
      throw new KnowledgeError(
        `the built-in knowledge folder ${dir} does not exist`,
      );
    }
    if (!isBuiltin && !(await exists(dir))) {
      throw new KnowledgeError(
        `mcpSecurity.knowledge.paths: ${dir} does not exist`,
      );
    }
    const modelFile = join(dir, 'model.yaml');
    if (await exists(modelFile)) {
      rawModel = deepMerge(
        rawModel,
        await readYaml(modelFile, shown(modelFile)),
      );
    } else if (isBuiltin) {
      throw new KnowledgeError(`${shown(modelFile)} is missing`);
    }
    await controls.apply(dir, shown);
    await maintenanceTasks.apply(dir, shown);
    await changeTypes.apply(dir, shown);
    await toolPoisoningRules.apply(dir, shown);
    const levelsFile = join(dir, 'scorecard-levels.yaml');
    if (await exists(levelsFile)) {
      rawLevels = deepMerge(
        rawLevels,
        await readYaml(levelsFile, shown(levelsFile)),
      );
    } else if (isBuiltin) {
      throw new KnowledgeError(`${shown(levelsFile)} is missing`);
    }
    const policyFile = join(dir, 'approval-policy.yaml');
    if (await exists(policyFile)) {
      rawPolicy = deepMerge(
        rawPolicy,
        await readYaml(policyFile, shown(policyFile)),
      );
    } else if (isBuiltin) {
      throw new KnowledgeError(`${shown(policyFile)} is missing`);
    }
  }

  const model = check(
    modelSchema,
    rawModel,
    'knowledge model (model.yaml and overrides)',
  );
  const result = {
    model,
    controls: [...controls.entries.values()],
    maintenanceTasks: [...maintenanceTasks.entries.values()],
    changeTypes: [...changeTypes.entries.values()],
    toolPoisoningRules: [...toolPoisoningRules.entries.values()],
    approvalPolicy: check(
      approvalPolicySchema,
      rawPolicy,
      'approval policy (approval-policy.yaml and overrides)',
    ),
    scorecardLevels: check(
      scorecardLevelsSchema,
      rawLevels,
      'scorecard levels (scorecard-levels.yaml and overrides)',
    ),
  };
  const version = `kb-${createHash('sha256')
    .update(JSON.stringify(result))
    .digest('hex')
    .slice(0, 12)}`;
  return { version, ...result };
}
