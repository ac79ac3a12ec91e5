from django.contrib import admin
from django.db.models import Prefetch

from ..models import Article, Byline, Image


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ("order", "author", "role")
    autocomplete_fields = ("author",)
    extra = 0


class ImageInline(admin.StackedInline):
    model = Image
    fields = ("order", "file", "caption", "credit", "credit_author", "alt_text")
    autocomplete_fields = ("credit_author",)
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "issue_date", "page_label", "section", "status", "author_names")
    list_filter = ("status", "page__issue__date", "section")
    search_fields = ("headline", "kicker", "subtitle", "bylines__author__name")
    search_help_text = "按标题或作者姓名搜索"
    list_select_related = ("page__issue", "section")
    autocomplete_fields = ("section", "page")
    inlines = [BylineInline, ImageInline]
    fieldsets = (
        (None, {"fields": ("page", "position", "kicker", "headline", "subtitle", "section")}),
        ("正文", {"fields": ("body", "summary", "tags")}),
        ("发布", {"fields": ("status", "publish_at", "slug")}),
    )

    def get_queryset(self, request):
        # Authors are prefetched so that the changelist costs the same for 5 rows or 500.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            )
        )

    @admin.display(description="出版日期", ordering="page__issue__date")
    def issue_date(self, article):
        return article.page.issue.date

    @admin.display(description="版", ordering="page__number")
    def page_label(self, article):
        return f"第{article.page.number}版 {article.page.name}".strip()

    @admin.display(description="作者")
    def author_names(self, article):
        return "、".join(str(byline) for byline in article.bylines.all())


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ("article", "author", "role", "order")
    list_select_related = ("article", "author")
    list_filter = ("role",)
    search_fields = ("author__name", "article__headline")
    autocomplete_fields = ("article", "author")


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article", "credit", "has_file", "width", "height")
    list_select_related = ("article",)
    search_fields = ("caption", "credit", "article__headline")
    autocomplete_fields = ("article", "credit_author")

    @admin.display(description="已有文件", boolean=True)
    def has_file(self, image):
        return image.has_file
