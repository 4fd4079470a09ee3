import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Assessment,
  isMcpServerEntity,
  MCP_SERVER_SPEC_TYPE,
} from '@mcp-server-operator/plugin-mcp-security-common';
import { McpSecurityStore } from '../database/McpSecurityStore';
import { assess, ENGINE_VERSION } from '../engine/assess';
import { MODEL_VERSION } from '../engine/model';
import { profileHash } from '../engine/profileHash';
import { deriveProfile } from '../profile/deriveProfile';
import { ServerJsonReader } from '../reading/ServerJsonReader';

/**
 * Assesses MCP servers: catalog entity and server.json in, a stored
 * assessment out. A server whose profile, knowledge and engine are unchanged
 * keeps its current assessment instead of getting a new history entry.
 */
export class AssessmentService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      reader: ServerJsonReader;
      store: McpSecurityStore;
      kinds: readonly string[];
      now?: () => Date;
    },
  ) {}

  /** The current assessment of one server, read with the caller's catalog access. */
  async getAssessment(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Assessment> {
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
    const { assessments } = await this.assessEntities([entity]);
    return assessments[0];
  }

  /**
   * Brings the assessments of the given MCP server entities up to date, in
   * one batch. `changed` counts the servers that got a new history entry.
   */
  async assessEntities(
    entities: Entity[],
  ): Promise<{ assessments: Assessment[]; changed: number }> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const [current, profiles] = await Promise.all([
      this.options.store.getLatestAssessments(refs),
      Promise.all(
        entities.map(async e =>
          deriveProfile(e, await this.options.reader.read(e)),
        ),
      ),
    ]);
    const now = this.options.now?.() ?? new Date();
    const fresh: Assessment[] = [];
    const assessments = profiles.map((profile, i) => {
      const existing = current.get(refs[i]);
      if (
        existing &&
        existing.profileHash === profileHash(profile) &&
        existing.knowledgeVersion === MODEL_VERSION &&
        existing.engineVersion === ENGINE_VERSION
      ) {
        return existing;
      }
      const assessment = assess(profile, { entityRef: refs[i], now });
      fresh.push(assessment);
      return assessment;
    });
    if (fresh.length > 0) {
      await this.options.store.insertAssessments(fresh);
    }
    return { assessments, changed: fresh.length };
  }
}
