"""The background jobs of batch printing, run by the worker processes (`manage.py run_workers`)."""
from django_tasks import task

from plans.documents import batch


@task()
def render_item(item_id):
    """Print one plan of a batch; the job that handles the batch's last plan assembles its file."""
    item = batch.BatchItem.objects.select_related("plan__unit").get(pk=item_id)
    batch.BatchPrint.objects.filter(pk=item.batch_id, status=batch.BatchPrint.Status.QUEUED).update(
        status=batch.BatchPrint.Status.RUNNING,
    )
    batch.render(item)
    if batch.finish_item(item.batch_id):
        batch.assemble(item.batch_id)
