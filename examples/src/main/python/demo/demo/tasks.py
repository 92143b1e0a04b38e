from celery import shared_task

from . import couch


@shared_task(bind=True)
def add(self, x, y):
    result = {"sum": x + y, "worker": self.request.hostname}
    couch.save_result(self.request.id, result)
    return result
