"""Reads from a replica, writes and editors on the primary.

Only public, safe-method requests may read from the replica (DATABASE_REPLICA_URL): a reader
can bear a second of replication lag. Everything else — the admin, POSTs, management commands,
the importer — reads from the primary, so nobody sees their own edit vanish.
"""

from contextvars import ContextVar

REPLICA = "replica"
PRIMARY = "default"

replica_allowed = ContextVar("replica_allowed", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if replica_allowed.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two doors

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Lets public GET and HEAD requests read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = request.method in ("GET", "HEAD") and not request.path.startswith(("/admin/", "/preview/"))
        token = replica_allowed.set(allowed)
        try:
            return self.get_response(request)
        finally:
            replica_allowed.reset(token)
