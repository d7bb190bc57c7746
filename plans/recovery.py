"""The worker's sweep, queued by `run_workers` every WORKER_SWEEP_SECONDS (and at once when it sees
one of its workers die): what a dead worker left half done is taken up again, and what finished
work leaves behind is cleared.

django-tasks' database worker marks a job RUNNING when it takes it and finished when it returns; a
worker killed in between (SIGKILL, out of memory, a machine lost) leaves the row RUNNING for ever,
and django_tasks_db has nothing that takes it up again (its issue #46 is open). So a job running
longer than its time-out, or last taken by a worker run_workers saw die, is made READY again: the
same row, whose `worker_ids` (each worker that took it) count the tries. Once tried enough it is
marked failed and, for a plan of a batch, the plan fails with its reason and the batch ends. A job
taken for dead may only be slow, so each job bears being run twice (plans.documents.batch records a
plan once, plans.inbox.mail claims a message before sending it).

The sweep also sends again the messages left "sending" by a dead worker (mail.stuck) or never
reached by the job that made them (unqueued_deliveries), deletes the
batch parts no running batch needs, and prunes finished job rows older than TASK_RESULTS_KEEP_DAYS
with django_tasks_db's own command.
"""
import datetime
import logging

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from plans.documents import batch
from plans.inbox import mail
from plans.inbox.models import Delivery

logger = logging.getLogger(__name__)

RENDER_ITEM = "plans.documents.batch_tasks.render_item"
DELIVER = "plans.inbox.tasks.deliver"


class WorkerLost(Exception):
    """Recorded as the failure of a job whose worker died at each try."""


def limits(task_path):
    """(time-out in seconds, tries) of a job: a plan's print, or any other job."""
    if task_path == RENDER_ITEM:
        return settings.BATCH_ITEM_TIMEOUT_SECONDS, settings.BATCH_ITEM_ATTEMPTS
    return settings.TASK_TIMEOUT_SECONDS, settings.NOTICE_ATTEMPTS


def lost_jobs(dead_workers=(), now=None):
    """The RUNNING job rows whose worker is dead: past their time-out, or last taken by one of
    `dead_workers`. Few rows are ever running (one per worker), so they are read whole."""
    now = now or timezone.now()
    dead = set(dead_workers)
    for row in DBTaskResult.objects.running().only("id", "task_path", "started_at", "worker_ids", "args_kwargs"):
        timeout, _tries = limits(row.task_path)
        if (row.worker_ids and row.worker_ids[-1] in dead) or row.started_at < now - datetime.timedelta(seconds=timeout):
            yield row


def take_up(row, now=None):
    """Queue a lost job again, or fail it when it has been tried enough; True when queued."""
    timeout, tries = limits(row.task_path)
    unchanged = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
    if len(row.worker_ids) < tries:
        if unchanged.update(status=TaskResultStatus.READY):
            logger.warning("Job %s (%s) lost its worker at try %d: queued again.", row.pk, row.task_path, len(row.worker_ids))
            return True
        return False
    failed = unchanged.update(
        status=TaskResultStatus.FAILED, finished_at=now or timezone.now(), exception_class_path=f"{__name__}.WorkerLost",
        traceback=f"WorkerLost: the worker died (or ran past {timeout} s) at each of {len(row.worker_ids)} tries.\n",
    )
    if failed:
        logger.error("Job %s (%s) lost its worker at each of %d tries: given up.", row.pk, row.task_path, len(row.worker_ids))
        if row.task_path == RENDER_ITEM:
            batch.give_up(row.args_kwargs["args"][0], len(row.worker_ids))
    return False


def unqueued_deliveries(now=None):
    """Messages waiting to be sent that no job is queued to send: a step's or the schedule's job
    sends its messages itself, and its worker died before it came to them (run again, that job
    records nothing new). Few deliveries wait, and fewer jobs."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.TASK_TIMEOUT_SECONDS)
    waiting = DBTaskResult.objects.filter(task_path=DELIVER, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    queued = {row.args_kwargs["args"][0] for row in waiting.only("args_kwargs")}
    pending = Delivery.objects.filter(status=Delivery.Status.PENDING, created__lt=cutoff).values_list("pk", flat=True)
    return [pk for pk in pending if pk not in queued]


def prune():
    """Finished job rows older than TASK_RESULTS_KEEP_DAYS go; running and waiting ones stay."""
    call_command("prune_db_task_results", "--queue-name", "*", "--min-age-days", str(settings.TASK_RESULTS_KEEP_DAYS),
                 verbosity=0)


def run(dead_workers=()):
    """The whole sweep; (jobs queued again, messages sent again)."""
    from plans.inbox.tasks import deliver

    again = unqueued_deliveries()  # before mail.stuck makes its messages pending (and queues them)
    again += mail.stuck()
    for delivery_id in again:
        deliver.enqueue(delivery_id)
    queued = sum(take_up(row) for row in list(lost_jobs(dead_workers)))
    batch.clear_parts()
    prune()
    return queued, len(again)


# Ahead of the plans of a big batch in the queue, or a lost plan would wait for all of them.
@task(priority=50)
def sweep(dead_workers=()):
    run(dead_workers)
