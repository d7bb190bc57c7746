"""A plan's first PDF is printed by the background worker (plans.documents.first_print): these
helpers run its queued jobs in the test's own process, as the interactive worker would."""
from django.conf import settings
from django_tasks_db.models import DBTaskResult


def queued_jobs():
    return DBTaskResult.objects.ready().filter(queue_name=settings.INTERACTIVE_QUEUE)


def print_queued():
    """Run every first-print job waiting in the queue; how many ran."""
    jobs = list(queued_jobs())
    for job in jobs:
        result = job.task_result
        job.task.call(*result.args, **result.kwargs)
        job.set_successful(None)
    return len(jobs)


def get_pdf(client, url, **kwargs):
    """The PDF a person gets from `url`: the waiting page's job printed, then the same URL again."""
    response = client.get(url, **kwargs)
    if response.status_code == 202:
        print_queued()
        response = client.get(url, **kwargs)
    return response
