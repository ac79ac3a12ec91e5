import pytest
from django.contrib import admin
from django.urls import reverse

from .factories import ArticleFactory, BylineFactory, ImageFactory, PageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def one_of_everything():
    article = ArticleFactory(section=SectionFactory())
    article.tags.add("科技")
    BylineFactory(article=article)
    ImageFactory(article=article)
    return article


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_open(admin_client, one_of_everything, model, rf, superuser):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = superuser
    # Records such as the publication log are written by the system, never added by hand.
    addable = admin.site._registry[model].has_add_permission(request)
    assert admin_client.get(admin_url(model, "add")).status_code == (200 if addable else 403)
    obj = model._default_manager.first()
    if obj is not None:
        assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def make_articles(count):
    page = PageFactory()
    section = SectionFactory()
    for position in range(1, count + 1):
        article = ArticleFactory(page=page, position=position, section=section)
        BylineFactory(article=article)
        BylineFactory(article=article, role="通讯员")


# session, user, filtered count, total count, rows, bylines+authors prefetch, section filter
# choices, and the SAVEPOINT / RELEASE of the transaction django-reversion opens around the view.
CHANGELIST_QUERIES = 9


@pytest.mark.parametrize("rows", [5, 50])
def test_article_changelist_query_count_is_constant(admin_client, rows, django_assert_num_queries):
    """The changelist prefetches authors: 5 rows and 50 rows cost the same queries."""
    make_articles(rows)
    url = admin_url(ArticleFactory._meta.model, "changelist")
    with django_assert_num_queries(CHANGELIST_QUERIES):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="field-author_names"') == rows
