from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import SITEMAPS
from articles.views import robots_txt
from articles.views.seo import depends_on_everything

admin.site.site_header = "新闻采编后台"
admin.site.site_title = "newsroom"
admin.site.index_title = "稿件管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", depends_on_everything(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
