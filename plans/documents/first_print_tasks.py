"""The background job of a plan's first PDF, on the worker's interactive queue (`manage.py
run_workers`): a person is waiting for it, so it is served before batch printing, by a worker that is
not niced."""
from django.conf import settings
from django_tasks import task

from plans.documents import first_print


@task(queue_name=settings.INTERACTIVE_QUEUE)
def render_first_print(job_id):
    first_print.run(job_id)
