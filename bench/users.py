"""People at work, for load.sh's MODE=users: each of USERS threads asks for a page, reads it for a
while (uniformly between half and one and a half times THINK seconds) and asks again, for DURATION
seconds. Prints the line wrk's percentiles.lua prints, so load.sh reads both alike.

    .venv/bin/python bench/users.py URL [-H "Cookie: ..."] [--users 10] [--think 1.0] [--duration 60]

wrk cannot play this: it opens its next connection as soon as an answer ends, then waits, and a
gunicorn sync worker that has accepted that idle connection blocks on it (in production nginx
buffers whole requests first). Here a connection is opened only to send, and closed with the answer.
LOGIN_BODY in the environment makes the requests form POSTs, where a 302 is the expected answer.
"""
import argparse
import http.client
import os
import random
import statistics
import threading
import time
from urllib.parse import urlsplit


def person(url, headers, body, think, until, latencies, failures):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    method = "POST" if body else "GET"
    time.sleep(random.uniform(0, think))  # people do not all arrive in the same instant
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            latencies.append(time.perf_counter() - started)
            if not (200 <= response.status < 300 or (body and response.status == 302)):
                failures["non2xx"] += 1
        except OSError:
            failures["socket_errors"] += 1
        time.sleep(random.uniform(think / 2, think * 3 / 2))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("-H", "--header", action="append", default=[])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=60)
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    body = os.environ.get("LOGIN_BODY")
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    latencies, failures = [], {"non2xx": 0, "socket_errors": 0}
    started = time.monotonic()
    people = [threading.Thread(target=person, args=(args.url, headers, body, args.think, started + args.duration, latencies, failures))
              for _ in range(args.users)]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0] * 99
    print(f"RESULT req/s={len(latencies) / elapsed:.1f} p50={cuts[49] * 1000:.1f}ms p95={cuts[94] * 1000:.1f}ms "
          f"p99={cuts[98] * 1000:.1f}ms requests={len(latencies)} non2xx={failures['non2xx']} "
          f"socket_errors={failures['socket_errors']}")


if __name__ == "__main__":
    main()
