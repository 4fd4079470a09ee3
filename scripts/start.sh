#!/usr/bin/env bash
# Starts the dev portal: frontend on :3000, backend on :7007, embedded SQLite,
# example MCP servers, guest sign-in, and the local MCP registry on :7010 that
# the catalog's registry provider reads.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
node "$ROOT/scripts/local-registry.js" &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null' EXIT
node "$ROOT/node_modules/.bin/backstage-cli" repo start "$@"
