"""Structured data for search engines: schema.org NewsArticle as JSON-LD."""

from django.conf import settings
from django.utils import timezone


def local_iso(moment):
    """An aware datetime in the paper's time zone, ISO 8601 with its offset: ...T08:00:00+08:00."""
    return timezone.localtime(moment).isoformat()


def absolute_urls(request):
    """A function making absolute URLs of this request's site from paths: the host is validated
    and the origin built once, not once per URL (an article with ten photos links a dozen)."""
    origin = request.build_absolute_uri("/").rstrip("/")

    def absolute(url):
        return url if url.startswith(("http://", "https://", "//")) else origin + url

    return absolute


def news_article_jsonld(article, request):
    absolute = absolute_urls(request)
    display = article.display
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": local_iso(article.publish_at),
        "dateModified": local_iso(article.updated_at),
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "author": [
            {
                "@type": "Person",
                "name": credit.name,
                "url": absolute(credit.url),
                **({"jobTitle": credit.role} if credit.role else {}),
            }
            for credit in display.bylines
        ],
        "publisher": {"@type": "NewsMediaOrganization", "name": settings.NEWSROOM_PUBLISHER},
    }
    if article.kicker or article.subtitle:
        data["alternativeHeadline"] = " ".join(p for p in (article.kicker, article.subtitle) if p)
    if article.summary:
        data["description"] = article.summary
    if article.section_id:
        data["articleSection"] = article.section.name
    keywords = [tag.name for tag in display.tags]
    if keywords:
        data["keywords"] = keywords
    corrections = [
        {"@type": "CorrectionComment", "text": c.note, "datePublished": c.iso} for c in display.corrections
    ]
    if corrections:
        data["correction"] = corrections
    images = [absolute(url) for url in display.photo_urls]
    if images:
        data["image"] = images
    return data
