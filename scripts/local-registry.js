#!/usr/bin/env node
// The dev portal's MCP registry: serves the committed sample of the official
// registry (examples/registry/servers-*.json, v0.1 shape) on loopback, so the
// catalog's registry provider has something to read without internet.
// GET /v0.1/servers[?cursor=] pages through the files in order;
// GET /v0.1/servers/{name}/versions/{version|latest} answers one entry.
const { createServer } = require('node:http');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'examples', 'registry');
const port = Number(process.env.LOCAL_REGISTRY_PORT || 7010);

const pages = readdirSync(dir)
  .filter(file => /^servers-\d+\.json$/.test(file))
  .sort((a, b) => parseInt(a.slice(8), 10) - parseInt(b.slice(8), 10))
  .map(file => JSON.parse(readFileSync(join(dir, file), 'utf8')));
const entries = pages.flatMap(page => page.servers);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://localhost');
  if (url.pathname === '/v0.1/servers') {
    const cursor = url.searchParams.get('cursor');
    // A page's nextCursor names the page that follows it.
    const index = cursor
      ? pages.findIndex((_, i) => pages[i - 1]?.metadata?.nextCursor === cursor)
      : 0;
    if (index < 0) return send(res, 400, { title: 'Unknown cursor' });
    return send(res, 200, pages[index]);
  }
  const version = /^\/v0\.1\/servers\/([^/]+)\/versions\/([^/]+)$/.exec(
    url.pathname,
  );
  if (version) {
    const name = decodeURIComponent(version[1]);
    const wanted = decodeURIComponent(version[2]);
    const entry = entries.find(
      e =>
        e.server.name === name &&
        (e.server.version === wanted ||
          (wanted === 'latest' &&
            e._meta['io.modelcontextprotocol.registry/official'].isLatest)),
    );
    return entry
      ? send(res, 200, entry)
      : send(res, 404, { title: 'Server not found' });
  }
  return send(res, 404, { title: 'Not found' });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(
    `Local MCP registry: ${entries.length} servers on http://localhost:${port}\n`,
  );
});
