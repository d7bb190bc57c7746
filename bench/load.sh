#!/bin/sh
# Load figures for docs/performance.md: gunicorn (2 sync workers) on 127.0.0.1 over the scale data
# (manage.py generate_scale) in PostgreSQL, and wrk from a second process on the same loopback.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_e bench/load.sh
#
# DURATION (30s), CONNECTIONS (10), PORT (8801) may be set. Every run is bounded by DURATION; the
# server is stopped at the end (by its own pid) whatever happens.
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database that holds the scale data}"
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-10}
PORT=${PORT:-8801}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/unionplans-load.XXXXXX)
PASSWORD=unionplans-demo
export DATABASE_URL SECRET_KEY=bench-only-not-secret DEBUG=0 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
  STATIC_MANIFEST=0 PYTHONWARNINGS=ignore::UserWarning DOCUMENT_CACHE_DIR="$WORK/cache" AXES_FAILURE_LIMIT=1000000

.venv/bin/gunicorn unionplans.wsgi:application --bind 127.0.0.1:$PORT --workers 2 \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/dang-nhap/" && break; sleep 0.2; done

# A session for the BCH member of the first generated union (month page, plan, members).
login() {  # $1 user, $2 cookie jar
  curl -s -c "$2" -b "$2" -o "$WORK/login.html" "$BASE/dang-nhap/"
  token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
  curl -s -c "$2" -b "$2" -o /dev/null -d "csrfmiddlewaretoken=$token&username=$1&password=$PASSWORD" "$BASE/dang-nhap/"
}
login quymo.bch "$WORK/jar"
SESSION="sessionid=$(awk '$6=="sessionid"{print $7}' "$WORK/jar")"
login quymo.tinh "$WORK/jar3"  # the province's staff: the unit tree over every unit
PROVINCE="sessionid=$(awk '$6=="sessionid"{print $7}' "$WORK/jar3")"
PLAN=$(.venv/bin/python manage.py shell -v 0 -c "from members.models import Role; print(Role.objects.get(user__username='quymo.bch').unit.plans.get().pk)")
UNIT=$(.venv/bin/python manage.py shell -v 0 -c "from members.models import Role; print(Role.objects.get(user__username='quymo.bch').unit_id)")
curl -s -o /dev/null -H "Cookie: $SESSION" "$BASE/plans/$PLAN/pdf/"  # renders once; the runs read the cache

run() {  # $1 label, then wrk's URL and extra arguments
  label=$1; shift
  printf '%-24s ' "$label"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/percentiles.lua "$@" | grep RESULT
  # Requests wrk left queued in gunicorn's backlog are answered before the next run starts.
  curl -s -o /dev/null --max-time 120 "$BASE/dang-nhap/"
}
run "login page (GET)" "$BASE/dang-nhap/"
curl -s -c "$WORK/jar2" -o "$WORK/login.html" "$BASE/dang-nhap/"
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
CSRF="csrftoken=$(awk '$6=="csrftoken"{print $7}' "$WORK/jar2")"
LOGIN_BODY="csrfmiddlewaretoken=$token&username=quymo.doanvien&password=$PASSWORD" \
  run "login (POST)" -H "Cookie: $CSRF" "$BASE/dang-nhap/"
run "plan, 120 rows" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/xem-truoc/"
run "month page" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/thang-nay/"
run "member search" -H "Cookie: $SESSION" "$BASE/don-vi/$UNIT/doan-vien/?q=huong"
run "unit tree, all units" -H "Cookie: $PROVINCE" "$BASE/don-vi/"
run "cached PDF" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/pdf/"
grep -i error "$WORK/gunicorn.log" | grep -v "Booting\|Listening\|Using worker" || true
