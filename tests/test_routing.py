"""The replica router: public reads may go to the replica; editors and writes stay on the primary."""

from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom.routers import PrimaryReplicaRouter, ReplicaReadsMiddleware, replica_allowed


def route(method, path):
    seen = {}

    def view(request):
        router = PrimaryReplicaRouter()
        seen["read"] = router.db_for_read(Article)
        seen["write"] = router.db_for_write(Article)
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())(path)
    ReplicaReadsMiddleware(view)(request)
    return seen["read"], seen["write"]


def test_public_reads_go_to_the_replica():
    assert route("GET", "/2024/03/12/2/") == ("replica", "default")
    assert route("HEAD", "/search/") == ("replica", "default")


def test_admin_previews_and_posts_stay_on_the_primary():
    assert route("GET", "/admin/articles/article/") == ("default", "default")
    assert route("GET", "/preview/abc/") == ("default", "default")
    assert route("POST", "/admin/login/") == ("default", "default")


def test_outside_requests_everything_is_primary():
    assert replica_allowed.get() is False
    assert PrimaryReplicaRouter().db_for_read(Article) == "default"
    assert PrimaryReplicaRouter().allow_migrate("replica", "articles") is False
