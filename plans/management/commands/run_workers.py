"""The one command that runs the background jobs: django-tasks `db_worker` processes of two kinds.

- Batch workers (batch printing, e-mail: the default queue), one per core, so the plans of a batch
  render side by side, niced (`--nice`, 10 by default) and, on Linux, in the idle scheduling class
  (SCHED_IDLE): while a batch runs, the web server's requests and the interactive renders take the
  cores first, and the batch uses what is left. Nice 10 alone still let a batch take about a tenth
  of a busy core and preempt a woken request late: the city member search's p95 went 101 -> 151 ms
  with a batch printing; in the idle class 123 ms (docs/performance.md).
- Interactive workers (`--interactive`, 1 by default) serve only the queue a person waits on (a
  plan's first PDF, settings.INTERACTIVE_QUEUE), at the web's own priority and polling it more
  often, so a click on "PDF" is printed at once even when a 500-plan batch fills the other queue.

SIGTERM or Ctrl+C stops them all, each after the plan it is printing; a worker that dies is started
again, and the jobs it held are queued again at once (plans.recovery, which knows each worker by the
id given here). It also keeps the one schedule of background work (SCHEDULE): every
WORKER_SWEEP_SECONDS the sweep of what dead workers left (on any machine), and every
NOTICE_SCHEDULE_SECONDS the weekly digest and the deadline checks, which send each message once
however often they run.

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


def _yield(niceness):
    os.nice(niceness)
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


class Command(BaseCommand):
    help = "Chạy các tiến trình in nền (mỗi nhân một tiến trình) cho tới khi nhận SIGTERM hoặc Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                            help="Số tiến trình in hàng loạt và gửi thư chạy song song (mặc định: số nhân của máy).")
        parser.add_argument("--interactive", type=int, default=1,
                            help="Số tiến trình chỉ in bản PDF người dùng đang chờ (mặc định và tối thiểu: 1).")
        parser.add_argument("--nice", type=int, default=10,
                            help="Mức nhường CPU (nice) của tiến trình in hàng loạt (mặc định: 10; 0 là không nhường).")
        parser.add_argument("--interval", type=float, default=1.0, help="Giây chờ giữa hai lần xem hàng đợi khi rảnh.")
        parser.add_argument("--interactive-interval", type=float, default=0.2,
                            help="Như --interval, cho tiến trình in bản PDF người dùng đang chờ.")

    def handle(self, *, processes, interactive, nice, interval, interactive_interval, verbosity, **options):
        # At least one of each: nothing else serves a queue, and a first PDF would wait for ever.
        processes, interactive, nice = max(processes, 1), max(interactive, 1), max(nice, 0)
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--no-reload", "--verbosity", str(verbosity)]
        batch = (*command, "--queue-name", "default", "--interval", str(interval))
        interactive_command = (*command, "--queue-name", settings.INTERACTIVE_QUEUE, "--interval", str(interactive_interval))
        self.niceness = {batch: nice, interactive_command: 0}
        # Unique across machines and restarts, so the sweep tells this worker's jobs from any other's.
        self.ids = (f"{socket.gethostname()[:40]}:{os.getpid()}:{n}" for n in itertools.count(1))
        self.stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        kinds = [batch] * processes + [interactive_command] * interactive
        workers = [self._spawn(kind) for kind in kinds]
        self.stdout.write(f"Đã chạy {processes} tiến trình in hàng loạt (nice {nice}) và {interactive} tiến trình "
                          "in bản người dùng đang chờ "
                          f"(PID {', '.join(str(w.pid) for w, _ in workers)}).")
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
                    workers[index] = self._spawn(kinds[index])
            if dead:
                sweep.enqueue(dead_workers=dead)
            time.sleep(0.5)
        self._shutdown([worker for worker, _ in workers])

    def _spawn(self, command):
        # In a process group of its own, so Ctrl+C in the terminal reaches only this command,
        # which passes one SIGTERM on; a second signal would make db_worker drop the plan it prints.
        # os.nice in the child before it starts: a niced process can never lower its niceness again.
        niceness, worker_id = self.niceness[command], next(self.ids)
        return subprocess.Popen([*command, "--worker-id", worker_id], process_group=0,
                                preexec_fn=(lambda: _yield(niceness)) if niceness else None), worker_id

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
