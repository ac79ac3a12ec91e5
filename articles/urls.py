from django.urls import path, register_converter

from . import feeds, views
from .views.seo import depends_on_everything as cached


class TwoDigits:
    regex = r"[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigits, "dd")

app_name = "articles"

date = "<int:year>/<dd:month>/<dd:day>"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("issues/", views.IssueJumpView.as_view(), name="issue-jump"),
    path(f"{date}/", views.IssueView.as_view(), name="issue"),
    path(f"{date}/<int:page>/", views.PageView.as_view(), name="page"),
    path(f"{date}/<int:page>/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
    path("feeds/latest/", cached(feeds.LatestArticlesFeed()), name="feed-latest"),
    path("feeds/sections/<slug:slug>/", cached(feeds.SectionFeed()), name="feed-section"),
    path("feeds/authors/<slug:slug>/", cached(feeds.AuthorFeed()), name="feed-author"),
    path("news-sitemap.xml", views.NewsSitemapView.as_view(), name="news-sitemap"),
]
