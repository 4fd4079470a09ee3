import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import JSZip from 'jszip';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { OsvRecord, osvRecordSchema } from './osvRecord';

/** Where OSV records come from: a folder searched recursively, or an OSV JSON document or zip export at a URL. */
export type AdvisorySourceConfig = { path: string } | { url: string };

/** A record left out of a load, and why; `file` names the file and the record's place in it. */
export interface SkippedRecord {
  file: string;
  reason: string;
}

export interface SourceContent {
  records: OsvRecord[];
  skipped: SkippedRecord[];
}

export const sourceName = (source: AdvisorySourceConfig) =>
  'path' in source ? source.path : source.url;

/**
 * The records of one OSV JSON document: a record, or an array of records.
 * Each invalid record is skipped with the JSON path of its first problem;
 * the others still load.
 */
export function parseOsvDocument(text: string, file: string): SourceContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      records: [],
      skipped: [{ file, reason: `not JSON: ${(error as Error).message}` }],
    };
  }
  const items = Array.isArray(json) ? json : [json];
  const content: SourceContent = { records: [], skipped: [] };
  items.forEach((item, i) => {
    const where = Array.isArray(json) ? `${file}[${i}]` : file;
    const parsed = osvRecordSchema.safeParse(item);
    if (parsed.success) {
      content.records.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.join('.') : '(record)';
    content.skipped.push({
      file: where,
      reason: `${path}: ${issue.message}`,
    });
  });
  return content;
}

const isZip = (buffer: Buffer) =>
  buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;

/** An entry's text, refused once it inflates past `budget` bytes, so a zip bomb costs nothing. */
function inflate(entry: JSZip.JSZipObject, budget: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        stream.pause();
        reject(new Error(`${entry.name} inflates past the size limit`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * The records of an OSV zip export (such as the per-ecosystem `all.zip`):
 * every `*.json` entry, all of them together at most `maxBytes` inflated.
 */
export async function parseOsvArchive(
  buffer: Buffer,
  source: string,
  maxBytes: number,
): Promise<SourceContent> {
  const zip = await JSZip.loadAsync(buffer);
  const entries = Object.values(zip.files)
    .filter(entry => !entry.dir && entry.name.endsWith('.json'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const content: SourceContent = { records: [], skipped: [] };
  let budget = maxBytes;
  for (const entry of entries) {
    const text = await inflate(entry, budget).catch(error => {
      throw new Error(
        `${source}: ${
          (error as Error).message
        } (${maxBytes} bytes inflated in all)`,
      );
    });
    budget -= text.length;
    const parsed = parseOsvDocument(
      text.toString('utf8'),
      `${source}!${entry.name}`,
    );
    content.records.push(...parsed.records);
    content.skipped.push(...parsed.skipped);
  }
  return content;
}

async function jsonFilesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, {
    recursive: true,
    withFileTypes: true,
  });
  // Links are not followed, so a source cannot reach outside its folder.
  return entries
    .filter(e => e.isFile() && e.name.endsWith('.json'))
    .map(e => join(e.parentPath, e.name))
    .sort();
}

/** Every `*.json` file under the folder; a missing folder fails the whole source. */
export async function readAdvisoryFolder(
  folder: string,
  maxBytes: number,
): Promise<SourceContent> {
  const content: SourceContent = { records: [], skipped: [] };
  for (const file of await jsonFilesUnder(folder)) {
    const name = relative(folder, file);
    const { size } = await fs.stat(file);
    if (size > maxBytes) {
      content.skipped.push({
        file: name,
        reason: `${size} bytes, over the ${maxBytes}-byte limit`,
      });
      continue;
    }
    const parsed = parseOsvDocument(await fs.readFile(file, 'utf8'), name);
    content.records.push(...parsed.records);
    content.skipped.push(...parsed.skipped);
  }
  return content;
}

/**
 * One OSV JSON document or zip export read through the UrlReader, so only hosts the
 * integrations and `backend.reading.allow` permit are reachable. Returns
 * undefined when the document has not changed since `etag`.
 */
export async function readAdvisoryUrl(
  urlReader: UrlReaderService,
  url: string,
  options: { maxBytes: number; timeoutMs: number; etag?: string },
): Promise<(SourceContent & { etag?: string }) | undefined> {
  try {
    const response = await urlReader.readUrl(url, {
      etag: options.etag,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const buffer = await response.buffer();
    if (buffer.length > options.maxBytes) {
      throw new Error(
        `${url} is ${buffer.length} bytes, over the ${options.maxBytes}-byte limit`,
      );
    }
    const content = isZip(buffer)
      ? await parseOsvArchive(buffer, url, options.maxBytes)
      : parseOsvDocument(buffer.toString('utf8'), url);
    return { ...content, etag: response.etag };
  } catch (error) {
    if (options.etag && error instanceof NotModifiedError) return undefined;
    throw error;
  }
}
