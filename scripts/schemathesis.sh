#!/usr/bin/env bash
# Property-based tests of the REST API against its own OpenAPI schema.
#
# Serves the project as `make serve` does (gunicorn, DEBUG off, manifest static files)
# on 127.0.0.1 with a throwaway database loaded with the demo catalog, then runs
# schemathesis twice: as an anonymous caller and with a staff token that may write.
# Fails on any server error and on any response the schema does not describe
# (status code, content type, headers, body). Also checks that the docs page's
# assets are served by the site itself.
#
# Environment:
#   SCHEMATHESIS_PORT          port to serve on (default 8931)
#   SCHEMATHESIS_MAX_EXAMPLES  examples per operation and phase (default 30)
#   SCHEMATHESIS_SEED          random seed, fixed so a CI failure can be replayed
#                              (default 4)
#   SCHEMATHESIS_DATABASE_URL  database to use (default: a temporary SQLite file);
#                              a PostgreSQL URL names a database this script may
#                              create, fill and drop
#   SCHEMATHESIS_REPORT_DIR    where to keep JUnit reports and the server's log
#                              (default: none kept)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$(cd "${BIN:-.venv/bin}" && pwd)
PORT=${SCHEMATHESIS_PORT:-8931}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-30}
SEED=${SCHEMATHESIS_SEED:-4}
# In memory when possible: the database's many small commits then cost no disk syncs.
WORK=$(mktemp -d -p "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")")
BASE="http://127.0.0.1:${PORT}"
SERVER_PID=""

# create|drop the PostgreSQL database DATABASE_URL names (nothing for SQLite).
postgres_database() {
    case "${DATABASE_URL:-}" in postgres*) ;; *) return 0 ;; esac
    "$BIN/python" - "$1" <<'PY'
import os, sys
import dj_database_url, psycopg
from psycopg import sql
db = dj_database_url.parse(os.environ["DATABASE_URL"])
params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
          "password": db["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["NAME"])))
    if sys.argv[1] == "create":
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
PY
}

cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    postgres_database drop || true
    if [ -n "${SCHEMATHESIS_REPORT_DIR:-}" ] && [ -f "${WORK}/server.log" ]; then
        mkdir -p "$SCHEMATHESIS_REPORT_DIR"
        cp "${WORK}/server.log" "${SCHEMATHESIS_REPORT_DIR}/schemathesis-server.log"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.base
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="schemathesis-$(date +%s)-$$"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# SQLite: transactions take the write lock up front and wait for it, so concurrent
# writes queue instead of failing with "database is locked".
export DATABASE_URL=${SCHEMATHESIS_DATABASE_URL:-sqlite:///${WORK}/db.sqlite3?transaction_mode=IMMEDIATE&timeout=20}
export MEDIA_ROOT="${WORK}/media"
export STATIC_ROOT="${WORK}/static"
export DJANGO_API_THROTTLE_ANON=100000/min
export DJANGO_API_THROTTLE_USER=100000/min
export DJANGO_LOG_LEVEL=WARNING
unset REDIS_URL

echo "Preparing a throwaway database with the demo catalog..."
postgres_database create
"$BIN/python" manage.py migrate --noinput -v 0
"$BIN/python" manage.py load_demo -v 0
"$BIN/python" manage.py collectstatic --noinput -v 0
TOKEN=$("$BIN/python" manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
user, _ = get_user_model().objects.get_or_create(
    username='schemathesis', defaults={'is_staff': True, 'is_superuser': True})
print(Token.objects.get_or_create(user=user)[0].key)
")

# gunicorn answers request lines over 4 KB itself, with a plain-HTML 414, before the
# API sees them; lifting that limit here lets the fuzzer's long query strings reach the
# API, which is what is under test.
GUNICORN_BIND="127.0.0.1:${PORT}" GUNICORN_WORKERS=2 GUNICORN_THREADS=2 \
    GUNICORN_CMD_ARGS="--limit-request-line 0" \
    "$BIN/gunicorn" -c gunicorn.conf.py >"${WORK}/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "${BASE}/api/v1/schema/" 2>/dev/null && break
    sleep 0.2
done

echo "Checking the docs page loads its assets from this site..."
curl -fsS "${BASE}/api/v1/docs/" >"${WORK}/docs.html"
assets=$(grep -oE '(src|href)="[^"]+"' "${WORK}/docs.html" | sed -E 's/^(src|href)="//; s/"$//')
[ -n "$assets" ] || { echo "The docs page names no assets"; exit 1; }
for asset in $assets; do
    case "$asset" in
    /*) curl -fsS -o /dev/null "${BASE}${asset}" || { echo "Docs asset missing: $asset"; exit 1; } ;;
    *) echo "Docs asset not served locally: $asset"; exit 1 ;;
    esac
done

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
run() {
    local name=$1
    shift
    local report=()
    if [ -n "${SCHEMATHESIS_REPORT_DIR:-}" ]; then
        mkdir -p "$SCHEMATHESIS_REPORT_DIR"
        local dir
        dir=$(cd "$SCHEMATHESIS_REPORT_DIR" && pwd)
        report=(--report junit --report-junit-path "${dir}/schemathesis-${name}.xml")
    fi
    echo "schemathesis: ${name}"
    local started=$SECONDS
    # From the work folder, so schemathesis's own cache goes away with it.
    (cd "$WORK" && "$BIN/python" "${ROOT}/scripts/st_run.py" run "${BASE}/api/v1/schema/?format=json" \
        --checks "$CHECKS" \
        --max-examples "$MAX_EXAMPLES" \
        --phases examples,coverage,fuzzing \
        --request-timeout 10 \
        --seed "$SEED" \
        --workers 2 \
        --warnings off \
        "${report[@]}" \
        "$@")
    local rc=$?
    echo "schemathesis: ${name} took $((SECONDS - started)) s"
    return $rc
}

status=0
run anonymous --include-method GET || status=1
run staff -H "Authorization: Token ${TOKEN}" || status=1
if [ "$status" -ne 0 ]; then
    echo "Server log (last 80 lines):"
    tail -n 80 "${WORK}/server.log"
fi
exit "$status"
