"""The one command that runs the background jobs (batch printing, e-mail): one django-tasks
`db_worker` process per core, so the plans of a batch render side by side. SIGTERM or Ctrl+C stops
them all, each after the plan it is printing; a worker that dies is started again, and the jobs it
held are queued again at once (plans.recovery, which knows each worker by the id given here). It also
keeps the one schedule of background work (SCHEDULE): every WORKER_SWEEP_SECONDS the sweep of what
dead workers left (on any machine), and every NOTICE_SCHEDULE_SECONDS the weekly digest and the
deadline checks, which send each message once however often they run.

The workers never auto-reload (a reloading worker would not pass the stop signal on): after a
code change, restart this command.
"""
import itertools
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from plans.inbox.tasks import run_schedule
from plans.recovery import sweep

STOP_GRACE_SECONDS = 30
# (setting naming the period in seconds, job to queue); each is queued first when the command starts.
SCHEDULE = (("WORKER_SWEEP_SECONDS", sweep), ("NOTICE_SCHEDULE_SECONDS", run_schedule))


class Command(BaseCommand):
    help = "Chạy các tiến trình in nền (mỗi nhân một tiến trình) cho tới khi nhận SIGTERM hoặc Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                            help="Số tiến trình in chạy song song (mặc định: số nhân của máy).")
        parser.add_argument("--interval", type=float, default=1.0, help="Giây chờ giữa hai lần xem hàng đợi khi rảnh.")

    def handle(self, *, processes, interval, verbosity, **options):
        self.command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--no-reload",
                        "--interval", str(interval), "--verbosity", str(verbosity)]
        # Unique across machines and restarts, so the sweep tells this worker's jobs from any other's.
        self.ids = (f"{socket.gethostname()[:40]}:{os.getpid()}:{n}" for n in itertools.count(1))
        self.stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        workers = [self._spawn() for _ in range(max(processes, 1))]
        self.stdout.write(f"Đã chạy {len(workers)} tiến trình in nền (PID {', '.join(str(w.pid) for w, _ in workers)}).")
        due = [time.monotonic()] * len(SCHEDULE)
        while not self.stopping:
            for index, (setting, job) in enumerate(SCHEDULE):
                if time.monotonic() >= due[index]:
                    due[index] = time.monotonic() + getattr(settings, setting)
                    job.enqueue()
            dead = []
            for index, (worker, worker_id) in enumerate(workers):
                if worker.poll() is not None and not self.stopping:
                    self.stderr.write(f"Tiến trình in {worker.pid} đã dừng (mã {worker.returncode}); chạy lại.")
                    dead.append(worker_id)
                    workers[index] = self._spawn()
            if dead:
                sweep.enqueue(dead_workers=dead)
            time.sleep(0.5)
        self._shutdown([worker for worker, _ in workers])

    def _spawn(self):
        # In a process group of its own, so Ctrl+C in the terminal reaches only this command,
        # which passes one SIGTERM on; a second signal would make db_worker drop the plan it prints.
        worker_id = next(self.ids)
        return subprocess.Popen([*self.command, "--worker-id", worker_id], process_group=0), worker_id

    def _stop(self, signum, frame):
        self.stopping = True

    def _shutdown(self, workers):
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in workers:
            try:
                worker.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.stdout.write("Đã dừng các tiến trình in nền.")
