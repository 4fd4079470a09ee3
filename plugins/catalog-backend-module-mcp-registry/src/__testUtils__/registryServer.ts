import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed sample of the official registry's list: 40 real entries. */
export function fixtureEntries(): any[] {
  return JSON.parse(
    readFileSync(join(__dirname, '../__fixtures__/servers-page.json'), 'utf8'),
  ).servers;
}

/** An entry with another registry status, as the registry serves it. */
export function withStatus(
  entry: any,
  status: 'active' | 'deprecated' | 'deleted',
  statusMessage?: string,
): any {
  const meta = entry._meta['io.modelcontextprotocol.registry/official'];
  return {
    ...entry,
    _meta: {
      'io.modelcontextprotocol.registry/official': {
        ...meta,
        status,
        ...(statusMessage ? { statusMessage } : {}),
      },
    },
  };
}

/** A page served as this string never answers, to exercise the request timeout. */
export const HANG = 'hang';

export interface TestRegistry {
  baseUrl: string;
  /** The request URLs served so far. */
  requests: string[];
  /** Replaces what the registry serves: page `i` is the i-th list; a number is an HTTP status for that page. */
  serve(pages: (any[] | number | string)[]): void;
  close(): Promise<void>;
}

/**
 * A real v0.1 registry on a local port, paging with opaque cursors. A page
 * given as a string is served verbatim (bad JSON).
 */
export async function startTestRegistry(): Promise<TestRegistry> {
  let pages: (any[] | number | string)[] = [];
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v0.1/servers') {
      res.writeHead(404).end();
      return;
    }
    const cursor = url.searchParams.get('cursor');
    const index = cursor ? Number(cursor.replace('page-', '')) : 0;
    const page = pages[index];
    if (typeof page === 'number' || page === undefined) {
      res.writeHead(typeof page === 'number' ? page : 400).end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (page === HANG) return;
    if (typeof page === 'string') {
      res.end(page);
      return;
    }
    const next = index + 1 < pages.length ? `page-${index + 1}` : undefined;
    res.end(
      JSON.stringify({
        servers: page,
        metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    serve(next) {
      pages = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Splits entries into pages of `size`. */
export function paged<T>(entries: T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < entries.length; i += size) {
    pages.push(entries.slice(i, i + size));
  }
  return pages;
}
