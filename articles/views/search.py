from django.views.generic import ListView

from ..search import backend, query_terms, search_articles
from .mixins import PAGE_IMPORT_COLUMNS, PublicCacheMixin, published_articles


def search_results(terms):
    """What the search page lists. Unlike other cards, a result shows a snippet of the search
    text around the match, so that column is read."""
    return search_articles(published_articles().defer(None).defer(*PAGE_IMPORT_COLUMNS), terms)


class SearchView(PublicCacheMixin, ListView):
    """/search/?q=…: ranked, paginated, with the matched terms highlighted.

    An empty query, or one of pure punctuation, shows a friendly prompt instead of results.
    """

    template_name = "articles/search.html"
    paginate_by = 20
    context_object_name = "results"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        self.terms = query_terms(self.query)
        return search_results(self.terms)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = context.get("paginator")
        capped = bool(paginator) and backend().results_capped(paginator.count)
        context.update(query=self.query, terms=self.terms, capped=capped)
        return context
