# Sourced by test.sh: the real services the tests use. Installs Debian's
# Chromium and PostgreSQL 15 when missing (as root), starts PostgreSQL on
# loopback, and exports the connection string TestDatabases and the replica
# test read. A connection string already in the environment is used as is.

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing $*: install it (Debian package $*) or run as root so the test command can." >&2
    return 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  echo "Installing $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || apt_install chromium

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  pg_version="$(ls /etc/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    pg_ctlcluster "$pg_version" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_password="test-$(date +%s)-$RANDOM"
  su postgres -c "psql -q -v ON_ERROR_STOP=1" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mcp_security_test') THEN
    CREATE ROLE mcp_security_test LOGIN CREATEDB;
  END IF;
END \$\$;
ALTER ROLE mcp_security_test PASSWORD '$pg_password';
SQL
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://mcp_security_test:$pg_password@127.0.0.1:5432"
  echo "PostgreSQL $pg_version ready on 127.0.0.1:5432"
fi
# No Docker engine here: TestDatabases must use the server above, never a container.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
