#!/bin/sh
# Load figures for docs/performance.md: gunicorn (2 sync workers) on 127.0.0.1 over the scale data
# (manage.py generate_scale) in PostgreSQL, and wrk from a second process on the same loopback.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_e bench/load.sh
#   MODE=long DATABASE_URL=... bench/load.sh       # 5 minutes a page
#   MODE=soak DATABASE_URL=... bench/load.sh       # one 5-minute mixed run of every page: "no error under load"
#   MODE=users DATABASE_URL=... bench/load.sh      # 10 people who read each page ~1 s (THINK) before the next, 60 s a page
#   BATCH=1 ... bench/load.sh                       # the same while 100-plan batches print on the niced workers
#
# DURATION (30s; 5m with MODE=long), CONNECTIONS (10), PORT (8801) and MEMBER_SEARCH (the path of
# the scope-wide member search) may be set. Every run is bounded by DURATION; the server is stopped
# at the end (by its own pid) whatever happens.
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database that holds the scale data}"
case "${MODE:-}" in
  long|soak) DURATION=${DURATION:-5m} ;;
  # Ten people at work (bench/users.py): each reads a page about THINK seconds before the next.
  users) DURATION=${DURATION:-60s} ;;
  *) DURATION=${DURATION:-30s} ;;
esac
CONNECTIONS=${CONNECTIONS:-10}
PORT=${PORT:-8801}
MEMBER_SEARCH=${MEMBER_SEARCH:-/don-vi/doan-vien/tim/?q=huong}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/unionplans-load.XXXXXX)
PASSWORD=unionplans-demo
export DATABASE_URL SECRET_KEY=bench-only-not-secret DEBUG=0 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
  STATIC_MANIFEST=0 PYTHONWARNINGS=ignore::UserWarning DOCUMENT_CACHE_DIR="$WORK/cache" AXES_FAILURE_LIMIT=1000000

.venv/bin/gunicorn unionplans.wsgi:application --bind 127.0.0.1:$PORT --workers 2 \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/healthz/" && break; sleep 0.2; done

login() {  # $1 user, $2 cookie jar; prints the session cookie
  curl -s -c "$2" -b "$2" -o "$WORK/login.html" "$BASE/dang-nhap/"
  token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
  curl -s -c "$2" -b "$2" -o /dev/null -d "csrfmiddlewaretoken=$token&username=$1&password=$PASSWORD" "$BASE/dang-nhap/"
  echo "sessionid=$(awk '$6=="sessionid"{print $7}' "$2")"
}
SESSION=$(login quymo.bch "$WORK/jar")        # BCH member of the first generated union
PROVINCE=$(login quymo.tinh "$WORK/jar3")     # the province's staff: every unit below it
PLAN=$(.venv/bin/python manage.py shell -v 0 -c "from members.models import Role; print(Role.objects.get(user__username='quymo.bch').unit.plans.get().pk)")
UNIT=$(.venv/bin/python manage.py shell -v 0 -c "from members.models import Role; print(Role.objects.get(user__username='quymo.bch').unit_id)")
# A first PDF is printed by the background worker (issue 22): the click queues it, one worker run
# prints it, and the runs read the cache.
curl -s -o /dev/null -H "Cookie: $SESSION" "$BASE/plans/$PLAN/pdf/"
.venv/bin/python manage.py db_worker --batch --no-startup-delay --queue-name interactive --verbosity 0

if [ -n "${BATCH:-}" ]; then
  # The production arrangement: the batch workers at nice 10, the interactive one beside them; a
  # 100-plan batch always printing (bench/batch_loop.py) from the first page measured to the last.
  .venv/bin/python manage.py run_workers --processes 2 --interactive 1 > "$WORK/workers.log" 2>&1 &
  WORKERS=$!
  .venv/bin/python bench/batch_loop.py 100 > "$WORK/batches.log" 2>&1 &
  LOOP=$!
  trap 'kill $LOOP 2>/dev/null; wait $LOOP 2>/dev/null; cat "$WORK/batches.log"; kill $WORKERS 2>/dev/null; wait $WORKERS 2>/dev/null;
        kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
  sleep 5
fi
printf '%-30s %s (%s a page, %s connections%s)\n' "page" "figures" "$DURATION" "$CONNECTIONS" "${BATCH:+, a 100-plan batch printing}"
seconds() {  # a wrk duration (30s, 5m) in seconds
  case "$1" in *m) echo $((${1%m} * 60)) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac
}
run() {  # $1 label, then wrk's URL and extra arguments
  label=$1; shift
  if [ "${MODE:-}" = users ]; then
    line=$(.venv/bin/python bench/users.py --users "$CONNECTIONS" --think "${THINK:-1}" --duration "$(seconds "$DURATION")" "$@" \
      | grep RESULT || echo "RESULT users.py failed")
  else
    line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/percentiles.lua "$@" | grep RESULT || echo "RESULT wrk failed")
  fi
  printf '%-30s %s\n' "$label" "${line#RESULT }" | tee -a "$WORK/results"
  # Requests wrk left queued in gunicorn's backlog are answered before the next run starts.
  curl -s -o /dev/null --max-time 120 "$BASE/healthz/"
}
if [ "${MODE:-}" = soak ]; then
  # Every page but the login POST in turn, as the BCH member and the province staff, for DURATION.
  tab=$(printf '\t')
  MIX="$SESSION$tab/plans/$PLAN/xem-truoc/
$SESSION$tab/plans/$PLAN/thang-nay/
$SESSION$tab/don-vi/$UNIT/doan-vien/?q=huong
$PROVINCE$tab$MEMBER_SEARCH
$PROVINCE$tab/don-vi/
$PROVINCE$tab/tong-quan/
$SESSION$tab/plans/$PLAN/pdf/
$tab/dang-nhap/" run "mixed load, every page" "$BASE/"
  grep -i error "$WORK/gunicorn.log" | grep -v "Booting\|Listening\|Using worker" || true
  exit 0
fi
run "ceiling (/healthz/)" "$BASE/healthz/"
run "login page (GET)" "$BASE/dang-nhap/"
curl -s -c "$WORK/jar2" -o "$WORK/login.html" "$BASE/dang-nhap/"
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
CSRF="csrftoken=$(awk '$6=="csrftoken"{print $7}' "$WORK/jar2")"
LOGIN_BODY="csrfmiddlewaretoken=$token&username=quymo.doanvien&password=$PASSWORD" \
  run "login (POST)" -H "Cookie: $CSRF" "$BASE/dang-nhap/"
run "plan, 120 rows" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/xem-truoc/"
run "month page" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/thang-nay/"
run "member search, one unit" -H "Cookie: $SESSION" "$BASE/don-vi/$UNIT/doan-vien/?q=huong"
run "member search, province" -H "Cookie: $PROVINCE" "$BASE$MEMBER_SEARCH"
run "unit tree (province)" -H "Cookie: $PROVINCE" "$BASE/don-vi/"
run "overview, 2,000 units" -H "Cookie: $PROVINCE" "$BASE/tong-quan/"
run "home (Việc cần làm), province" -H "Cookie: $PROVINCE" "$BASE/"
run "cached PDF" -H "Cookie: $SESSION" "$BASE/plans/$PLAN/pdf/"
# With people reading between pages the rate is theirs, not the server's: no ratio then.
[ "${MODE:-}" = users ] || awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^req\/s=/) { split($i, f, "="); rate = f[2] } }
     NR == 1 { ceiling = rate; next }
     { label = $0; sub(/ +req\/s=.*/, "", label); out = out sprintf("%s%s %.3f", sep, label, ceiling ? rate / ceiling : 0); sep = ", " }
     END { printf "ratio to the ceiling (%.1f req/s): %s\n", ceiling, out }' "$WORK/results"
grep -i error "$WORK/gunicorn.log" | grep -v "Booting\|Listening\|Using worker" || true
