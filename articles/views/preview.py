from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from ..models import Article
from ..permissions import may
from ..preview import read_token
from .article import ArticleView
from .mixins import NEVER_SHOWN


class PreviewView(ArticleView):
    """A draft as it will look, from a signed, time-limited link, for staff only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_active or not request.user.is_staff:
            return redirect_to_login(request.get_full_path(), "admin:login")
        try:
            self.article_pk = read_token(kwargs["token"])
        except signing.SignatureExpired as error:
            raise Http404("预览链接已过期，请从后台重新打开。") from error
        except signing.BadSignature as error:
            raise Http404("预览链接无效。") from error
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_object(self, queryset=None):
        article = get_object_or_404(
            Article.objects.select_related("page__issue", "section").defer(*NEVER_SHOWN),
            pk=self.article_pk,
        )
        # A link passed on is no key: only those who may see the article in the admin preview it.
        if not may(self.request.user, "view", article):
            raise PermissionDenied
        return article

    def get_cache_tags(self):
        return None  # a preview is never kept

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        return context
