#!/usr/bin/env bash
# Installs and starts PostgreSQL 15 on loopback for CI (Debian packages), and
# writes the environment the tests read to .test-results/ci-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .test-results

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing PostgreSQL ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

cluster_version="$(ls /etc/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$cluster_version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done

password="ci-$(date +%s)-$RANDOM"
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mcp_security_ci') THEN
    CREATE ROLE mcp_security_ci LOGIN CREATEDB;
  END IF;
END \$\$;
ALTER ROLE mcp_security_ci PASSWORD '$password';
SQL

cat > .test-results/ci-env.sh <<ENV
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://mcp_security_ci:$password@127.0.0.1:5432
ENV
echo "PostgreSQL $cluster_version ready on 127.0.0.1:5432"
