import { ToolSnapshotStore } from '../database/ToolSnapshotStore';
import { checkToolDefinitions } from '../engine/toolPoisoning';
import {
  diffTools,
  ToolFacts,
  unreviewedToolChange,
} from '../engine/toolSnapshots';
import { Knowledge } from '../knowledge/loadKnowledge';

/**
 * What the servers' stored tool snapshots tell the assessment: the poisoning
 * findings of each latest snapshot, and the change from the baseline that
 * waits for review.
 */
export class ToolFactsReader {
  constructor(
    private readonly options: {
      store: ToolSnapshotStore;
      knowledge: Knowledge;
    },
  ) {}

  async factsOf(entityRefs: string[]): Promise<Map<string, ToolFacts>> {
    const states = await this.options.store.states(entityRefs);
    const facts = new Map<string, ToolFacts>();
    for (const [ref, { baseline, latest }] of states) {
      facts.set(ref, {
        findings: checkToolDefinitions(
          latest.tools,
          this.options.knowledge.toolPoisoningRules,
        ),
        ...(latest.hash !== baseline.hash
          ? {
              unreviewedToolChange: unreviewedToolChange(
                baseline.hash,
                latest.hash,
                diffTools(baseline.tools, latest.tools),
              ),
            }
          : {}),
      });
    }
    return facts;
  }
}
