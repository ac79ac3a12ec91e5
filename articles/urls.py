from django.urls import path, register_converter

from . import views


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
    path(f"{date}/", views.IssueView.as_view(), name="issue"),
    path(f"{date}/<int:page>/", views.PageView.as_view(), name="page"),
    path(f"{date}/<int:page>/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
]
