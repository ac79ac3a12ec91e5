"""Public pages. Every view starts from Article.objects.published(); anything else is a 404."""

from .article import ArticleView
from .issues import HomeView, IssueJumpView, IssueView, PageView
from .lists import AuthorView, SectionView, TagView
from .preview import PreviewView
from .search import SearchView
from .seo import NewsSitemapView, robots_txt

__all__ = [
    "ArticleView",
    "AuthorView",
    "HomeView",
    "IssueJumpView",
    "IssueView",
    "NewsSitemapView",
    "PageView",
    "PreviewView",
    "SearchView",
    "SectionView",
    "TagView",
    "robots_txt",
]
