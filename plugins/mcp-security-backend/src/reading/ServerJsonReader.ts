import { dirname, isAbsolute, resolve } from 'node:path';
import { promises as fs } from 'node:fs';
import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { isError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { MCP_SECURITY_ANNOTATIONS } from '@mcp-server-operator/plugin-mcp-security-common';

/**
 * What reading an entity's server.json gave: nothing to read, the file's text,
 * or the reason it could not be read. Reading never throws: a bad reference is
 * a finding on that one server, never a failed sweep.
 */
export type ServerJsonSource =
  | { status: 'absent' }
  | { status: 'read'; target: string; text: string }
  | { status: 'failed'; target?: string; reason: string };

/** Thrown inside the reader to turn into a `failed` result with a resolved target. */
class ReadRefusal extends Error {
  constructor(readonly reason: string, readonly target?: string) {
    super(reason);
  }
}

/**
 * Reads the `mcp-security.io/server-json` annotation's target. The value is an
 * absolute http(s) URL, read through the UrlReader (so integrations and
 * `backend.reading.allow` decide what is reachable), or a path relative to
 * `backstage.io/managed-by-location`, which the catalog sets and authors
 * cannot forge. Relative paths never leave the entity file's folder.
 */
export class ServerJsonReader {
  /** ETag and text per URL, so an unchanged remote file costs one conditional request. */
  private readonly urlCache = new Map<string, { etag: string; text: string }>();

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      maxBytes: number;
    },
  ) {}

  async read(entity: Entity): Promise<ServerJsonSource> {
    const value =
      entity.metadata.annotations?.[MCP_SECURITY_ANNOTATIONS.serverJson];
    if (value === undefined) {
      return { status: 'absent' };
    }
    try {
      return await this.readValue(value.trim(), entity);
    } catch (error) {
      if (error instanceof ReadRefusal) {
        return { status: 'failed', target: error.target, reason: error.reason };
      }
      return {
        status: 'failed',
        reason: isError(error) ? error.message : String(error),
      };
    }
  }

  private async readValue(
    value: string,
    entity: Entity,
  ): Promise<ServerJsonSource> {
    if (value === '') {
      throw new ReadRefusal('the value is empty');
    }
    if (/^https?:\/\//i.test(value)) {
      return this.readUrl(value);
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      throw new ReadRefusal(
        `"${value}" uses an unsupported scheme; give an absolute http(s) URL or a path relative to the entity file`,
      );
    }
    if (isAbsolute(value)) {
      throw new ReadRefusal(
        `"${value}" is an absolute path; give a path relative to the entity file`,
      );
    }
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location) {
      throw new ReadRefusal(
        `the entity has no ${ANNOTATION_LOCATION} annotation to resolve "${value}" against`,
      );
    }
    const { type, target } = parseLocationRef(location);
    if (type === 'url') {
      const url = this.options.integrations.resolveUrl({
        url: value,
        base: target,
      });
      return this.readUrl(url);
    }
    if (type === 'file') {
      return this.readFile(dirname(target), value);
    }
    throw new ReadRefusal(
      `a relative path cannot be resolved against a "${type}" location`,
    );
  }

  private async readUrl(url: string): Promise<ServerJsonSource> {
    const cached = this.urlCache.get(url);
    try {
      const response = await this.options.urlReader.readUrl(url, {
        etag: cached?.etag,
      });
      const buffer = await response.buffer();
      this.assertSize(buffer.length, url);
      const text = buffer.toString('utf8');
      if (response.etag) {
        this.urlCache.set(url, { etag: response.etag, text });
      }
      return { status: 'read', target: url, text };
    } catch (error) {
      if (cached && error instanceof NotModifiedError) {
        return { status: 'read', target: url, text: cached.text };
      }
      if (error instanceof ReadRefusal) {
        throw error;
      }
      throw new ReadRefusal(
        `could not read ${url}: ${isError(error) ? error.message : error}`,
        url,
      );
    }
  }

  private async readFile(
    folder: string,
    relativePath: string,
  ): Promise<ServerJsonSource> {
    const target = resolve(folder, relativePath);
    try {
      // Resolves links too, so a symlink inside the folder cannot point out of it.
      resolveSafeChildPath(folder, relativePath);
    } catch {
      const real = await fs.realpath(target).catch(() => target);
      throw new ReadRefusal(
        `"${relativePath}" resolves to ${real}, outside the entity file's folder ${folder}`,
        target,
      );
    }
    const stat = await fs.stat(target).catch(() => undefined);
    if (!stat) {
      throw new ReadRefusal(`${target} does not exist`, target);
    }
    if (!stat.isFile()) {
      throw new ReadRefusal(`${target} is not a file`, target);
    }
    this.assertSize(stat.size, target);
    return {
      status: 'read',
      target,
      text: await fs.readFile(target, 'utf8'),
    };
  }

  private assertSize(size: number, target: string) {
    if (size > this.options.maxBytes) {
      throw new ReadRefusal(
        `${target} is ${size} bytes, over the ${this.options.maxBytes}-byte limit`,
        target,
      );
    }
  }
}
