from celery import shared_task

from . import couch


@shared_task(bind=True)
def add(self, x, y):
    """Adds, and writes the result into the database role, where any app server can read it back."""
    doc = {"sum": x + y, "worker": self.request.hostname}
    couch.put(self.request.id, doc)
    return doc
