#!/usr/bin/env bash
# Starts the dev portal: frontend on :3000, backend on :7007, embedded SQLite,
# example MCP servers, guest sign-in.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
exec node "$ROOT/node_modules/.bin/backstage-cli" repo start "$@"
