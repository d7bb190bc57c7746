-- Prints one line per run: requests/s, p50/p95/p99 latency (ms), answers other than 2xx (a 302 to
-- the login page is a lost session, not a success) and socket errors (connect, read, write, timeout).
-- LOGIN_BODY in the environment turns the run into form POSTs (the login run), where the 302 that
-- follows a successful login is the expected answer.
local body = os.getenv("LOGIN_BODY")
LOGIN = body ~= nil
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- MIX (lines of "<cookie><TAB><path>") turns the run into a mixed load: the requests take turns.
local mix = os.getenv("MIX")
if mix then
  local requests = {}
  for line in mix:gmatch("[^\n]+") do
    local cookie, path = line:match("^([^\t]*)\t(.+)$")
    table.insert(requests, wrk.format("GET", path, { Cookie = cookie }))
  end
  local turn = 0
  function request()
    turn = turn % #requests + 1
    return requests[turn]
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
end

function response(status, headers, body)
  if status < 200 or (status > 299 and not (LOGIN and status == 302)) then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local unexpected_total = 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT req/s=%.1f p50=%.1fms p95=%.1fms p99=%.1fms requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, unexpected_total, errors))
end
