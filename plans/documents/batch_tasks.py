"""The background jobs of batch printing, run by the worker processes (`manage.py run_workers`)."""
from django_tasks import task

from plans.documents import batch


@task()
def render_item(item_id):
    """Print one plan of a batch; the job that handles the batch's last plan assembles its file.
    Run again by plans.recovery after its worker died, it prints the plan if it is still pending,
    or assembles the batch if the dead worker was assembling it."""
    item = batch.BatchItem.objects.select_related("plan__unit").get(pk=item_id)
    batch.BatchPrint.objects.filter(pk=item.batch_id, status=batch.BatchPrint.Status.QUEUED).update(
        status=batch.BatchPrint.Status.RUNNING,
    )
    if item.status == batch.BatchItem.Status.PENDING:
        last = batch.render(item)
    else:
        last = batch.resume_assembly(item.batch_id)
    if last:
        batch.assemble(item.batch_id)
