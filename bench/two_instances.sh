#!/bin/sh
# Two web instances, one state: two gunicorn instances on two ports (production settings, DEBUG=0)
# share one PostgreSQL database and one Redis, and a user sees no difference between them.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionplans_d bench/two_instances.sh
#
# The database must hold the scale data (manage.py generate_scale): the checks log in as
# quymo.chutich and print that union's plan. PORT1 (8811), PORT2 (8812), REDIS_DB (13: this
# script empties that Redis database first) may be set. Prints one PASS or FAIL line per check and
# exits non-zero when any fails; both servers are stopped at the end by their own pids.
set -u
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database that holds the scale data}"
PORT1=${PORT1:-8811}
PORT2=${PORT2:-8812}
REDIS_DB=${REDIS_DB:-13}
LOGIN=quymo.chutich
PASSWORD=unionplans-demo
PROBE=two.instances.probe  # a user name that only collects wrong passwords (login lockout check)
WORK=$(mktemp -d /tmp/unionplans-two.XXXXXX)
export DATABASE_URL REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" SECRET_KEY=two-instances-check-not-secret DEBUG=0 \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_MANIFEST=0 PYTHONWARNINGS=ignore::UserWarning
FAILED=0

redis-cli -n "$REDIS_DB" flushdb >/dev/null
.venv/bin/gunicorn unionplans.wsgi:application --bind "127.0.0.1:$PORT1" --workers 2 --timeout 120 \
  --access-logfile /dev/null --error-logfile "$WORK/one.log" 2>>"$WORK/one.log" &
ONE=$!
.venv/bin/gunicorn unionplans.wsgi:application --bind "127.0.0.1:$PORT2" --workers 2 --timeout 120 \
  --access-logfile /dev/null --error-logfile "$WORK/two.log" 2>>"$WORK/two.log" &
TWO=$!
cleanup() {
  kill "$ONE" "$TWO" 2>/dev/null
  wait "$ONE" "$TWO" 2>/dev/null
  .venv/bin/python manage.py axes_reset_username "$PROBE" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
for port in "$PORT1" "$PORT2"; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/dang-nhap/" && break; sleep 0.2; done
done
ONE_URL=http://127.0.0.1:$PORT1
TWO_URL=http://127.0.0.1:$PORT2

check() {  # $1: 0 when the check holds; $2: what it shows
  if [ "$1" -eq 0 ]; then echo "PASS $2"; else echo "FAIL $2"; FAILED=1; fi
}
csrf() {  # $1 base URL, $2 cookie jar, $3 page: the form's CSRF token, the cookie kept in the jar
  curl -s -c "$2" -b "$2" "$1$3" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1
}
post_login() {  # $1 base URL, $2 jar, $3 user, $4 password: prints the HTTP status
  token=$(csrf "$1" "$2" /dang-nhap/)
  curl -s -c "$2" -b "$2" -o "$WORK/answer.html" -w '%{http_code}' \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$3" --data-urlencode "password=$4" "$1/dang-nhap/"
}
status() {  # $1 URL, $2 jar: the HTTP status, the body in $WORK/page.html
  curl -s -b "$2" -c "$2" -o "$WORK/page.html" -w '%{http_code}' "$1"
}

set -- $(.venv/bin/python manage.py shell -v 0 -c "
from members.models import Role
unit = Role.objects.get(user__username='$LOGIN', kind='chair').unit
print(unit.plans.order_by('pk').first().pk, unit.pk)")
PLAN=$1
UNIT=$2
UNIT_NAME=$(.venv/bin/python manage.py shell -v 0 -c "from members.models import Unit; print(Unit.objects.get(pk=$UNIT).name)")

# Sessions: in PostgreSQL, so a cookie issued by one instance is honoured by the other.
code=$(status "$TWO_URL/" "$WORK/nobody")
check "$([ "$code" = 302 ]; echo $?)" "anonymous GET / on :$PORT2 is sent to the login page ($code)"
code=$(post_login "$ONE_URL" "$WORK/jar" "$LOGIN" "$PASSWORD")
check "$([ "$code" = 302 ]; echo $?)" "$LOGIN logs in on :$PORT1 ($code)"
code=$(status "$TWO_URL/" "$WORK/jar")
check "$([ "$code" = 200 ] && grep -qF "$UNIT_NAME" "$WORK/page.html"; echo $?)" \
  "same cookie on :$PORT2: GET / answers $code with the user's union ($UNIT_NAME)"

# Printed PDFs: cached in Redis by content, so what one instance rendered the other serves.
pdf() {  # $1 base URL, $2 output file: "status seconds etag"
  curl -s -b "$WORK/jar" -D "$2.headers" -o "$2" -w '%{http_code} %{time_total}' "$1/plans/$PLAN/pdf/"
  printf ' %s\n' "$(tr -d '\r' < "$2.headers" | sed -n 's/^[Ee][Tt]ag: //p')"
}
keys() { redis-cli -n "$REDIS_DB" --scan --pattern '*pdf:*' | wc -l; }
set -- $(pdf "$ONE_URL" "$WORK/one.pdf")
ONE_CODE=$1 ONE_TIME=$2 ONE_ETAG=$3
check "$([ "$ONE_CODE" = 200 ] && [ "$(keys)" = 1 ]; echo $?)" \
  "PDF of plan $PLAN on :$PORT1: $ONE_CODE in ${ONE_TIME}s (rendered), $(keys) key in Redis db $REDIS_DB"
set -- $(pdf "$TWO_URL" "$WORK/two.pdf")
TWO_CODE=$1 TWO_TIME=$2 TWO_ETAG=$3
same=$(cmp -s "$WORK/one.pdf" "$WORK/two.pdf"; echo $?)
faster=$(awk -v a="$ONE_TIME" -v b="$TWO_TIME" 'BEGIN { exit !(b * 3 < a) }'; echo $?)
check "$([ "$TWO_CODE" = 200 ] && [ "$same" = 0 ] && [ "$TWO_ETAG" = "$ONE_ETAG" ] && [ "$faster" = 0 ] && [ "$(keys)" = 1 ]; echo $?)" \
  "same PDF on :$PORT2: $TWO_CODE in ${TWO_TIME}s, same bytes ($(sha256sum < "$WORK/two.pdf" | cut -c1-12)), same ETag $TWO_ETAG, still $(keys) key: served from the shared cache"
code=$(curl -s -b "$WORK/jar" -o /dev/null -w '%{http_code}' -H "If-None-Match: $ONE_ETAG" "$TWO_URL/plans/$PLAN/pdf/")
check "$([ "$code" = 304 ]; echo $?)" "If-None-Match with :$PORT1's ETag on :$PORT2 answers $code"

# The overview's figures: each instance keeps them in its memory under a version kept in Redis, so a
# row saved by any other process shows on the next page of both (the change is made, then undone,
# by a third process: manage.py shell).
done_line() {  # $1 base URL: the overview's "this month's rows done" total, as province staff
  curl -s -b "$WORK/tinh" "$1/tong-quan/" | grep -o 'Việc tháng này đã xong: [0-9/]*' | head -1
}
post_login "$ONE_URL" "$WORK/tinh" quymo.tinh "$PASSWORD" >/dev/null
BEFORE=$(done_line "$ONE_URL")
flip() {  # $1 "done": the first planned row of this month in plan $PLAN is marked done; "undo": back
  .venv/bin/python manage.py shell -v 0 -c "
from plans import months
from plans.models import MonthlyActivity
plan = MonthlyActivity.objects.filter(plan_id=$PLAN).first().plan
rows = plan.activities.filter(month_index=months.current_index(plan))
row = rows.filter(status='planned', result='').order_by('pk').first() if '$1' != 'undo' else rows.filter(result='two-instances check').get()
row.status, row.result = ('done', 'two-instances check') if '$1' != 'undo' else ('planned', '')
row.save()"
}
flip done
AFTER_ONE=$(done_line "$ONE_URL")
AFTER_TWO=$(done_line "$TWO_URL")
flip undo
AGAIN=$(done_line "$TWO_URL")
check "$([ -n "$BEFORE" ] && [ "$AFTER_ONE" != "$BEFORE" ] && [ "$AFTER_TWO" = "$AFTER_ONE" ] && [ "$AGAIN" = "$BEFORE" ]; echo $?)" \
  "overview on :$PORT1 '$BEFORE'; a row saved elsewhere: '$AFTER_ONE' on :$PORT1, '$AFTER_TWO' on :$PORT2; undone: '$AGAIN'"

# Login lockout (django-axes): counted in PostgreSQL, so wrong passwords on one instance lock the other.
for _ in 1 2 3 4 5; do post_login "$ONE_URL" "$WORK/probe" "$PROBE" wrong-password >/dev/null; done
code=$(post_login "$TWO_URL" "$WORK/probe2" "$PROBE" wrong-password)
check "$([ "$code" = 429 ]; echo $?)" "5 wrong passwords for $PROBE on :$PORT1, the 6th on :$PORT2 is locked out ($code)"

# Logging out on one instance ends the session on both.
token=$(csrf "$TWO_URL" "$WORK/jar" /)
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null --data-urlencode "csrfmiddlewaretoken=$token" "$TWO_URL/dang-xuat/"
code=$(status "$ONE_URL/" "$WORK/jar")
check "$([ "$code" = 302 ]; echo $?)" "logged out on :$PORT2, GET / on :$PORT1 is sent to the login page ($code)"

if grep -q "Traceback" "$WORK/one.log" "$WORK/two.log"; then
  check 1 "no server error in either instance's log"
else
  check 0 "no server error in either instance's log"
fi
exit "$FAILED"
