import { ResponseError } from '@backstage/errors';
import { z } from 'zod';

/** The v0.1 list envelope; the entries inside are validated one by one. */
const pageSchema = z.object({
  servers: z.array(z.unknown()),
  metadata: z.object({ nextCursor: z.string().nullish() }).optional(),
});

export interface RegistryPage {
  entries: unknown[];
  nextCursor?: string;
}

export interface RegistryClientOptions {
  baseUrl: string;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  /** Per response body, in bytes. */
  maxPageBytes?: number;
  pageSize?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_PAGE_SIZE = 100;
// A registry that keeps handing out cursors must not keep a refresh alive forever.
const MAX_PAGES = 10_000;

/**
 * Reads `GET {baseUrl}/v0.1/servers` page by page, deleted entries included.
 * Only the configured base URL is ever fetched: the cursor is a query value.
 * Any failure (HTTP status, timeout, oversize body, bad JSON, bad envelope)
 * throws, so the caller can drop the whole traversal.
 */
export async function* readRegistryPages(
  options: RegistryClientOptions,
): AsyncGenerator<RegistryPage> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(`${options.baseUrl}/v0.1/servers`);
    url.searchParams.set(
      'limit',
      String(options.pageSize ?? DEFAULT_PAGE_SIZE),
    );
    url.searchParams.set('include_deleted', 'true');
    if (cursor !== undefined) url.searchParams.set('cursor', cursor);
    const body = await fetchJson(url, options);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${url}: not a v0.1 server list at ${formatPath(issue.path)}: ${
          issue.message
        }`,
      );
    }
    const next = parsed.data.metadata?.nextCursor || undefined;
    yield { entries: parsed.data.servers, nextCursor: next };
    if (!next) return;
    if (seen.has(next)) throw new Error(`${url}: the cursor ${next} repeats`);
    seen.add(next);
    cursor = next;
  }
  throw new Error(`${options.baseUrl}: more than ${MAX_PAGES} pages`);
}

async function fetchJson(
  url: URL,
  options: RegistryClientOptions,
): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (error as Error).message;
    throw new Error(`${url}: ${reason}`);
  }
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const text = await readCapped(
    response,
    options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
    url,
  );
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${url}: bad JSON: ${(error as Error).message}`);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  url: URL,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(
      `${url}: response of ${declared} bytes exceeds ${maxBytes}`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new Error(`${url}: response exceeds ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON path such as `servers[3].server.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}
