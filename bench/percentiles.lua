-- Prints one line per run: requests/s, p50/p95/p99 latency (ms), and non-2xx/3xx or socket errors.
-- LOGIN_BODY / COOKIE in the environment turn the run into form POSTs (the login run).
local body = os.getenv("LOGIN_BODY")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT req/s=%.1f p50=%.1fms p95=%.1fms p99=%.1fms requests=%d non2xx3xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.errors.status, errors))
end
