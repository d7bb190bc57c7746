"""The background jobs of the notices, run by the worker processes (`manage.py run_workers`)."""
import datetime

from django.utils import timezone
from django_tasks import task

from plans.inbox import mail, notices, schedule


@task()
def deliver(delivery_id):
    """Send one message; a failed send queues this job again, later, until it has tried enough."""
    wait = mail.send(delivery_id)
    if wait is not None:
        deliver.using(run_after=timezone.now() + datetime.timedelta(seconds=wait)).enqueue(delivery_id)


def _send_all(deliveries):
    for delivery in deliveries:
        deliver.call(delivery.pk)


@task()
def step_taken(label, pk, action):
    _send_all(notices.step_taken(label, pk, action))


@task()
def run_schedule():
    _send_all(schedule.run())
