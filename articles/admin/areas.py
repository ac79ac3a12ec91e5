"""The page's files and the areas (热区) editor in the admin: an editor uploads or replaces a
page's PDF or image on the 版 form, and draws, moves and resizes the articles' areas over the
page image (static/js/admin-areas.js). Areas saved here are the editor's: a later import of the
page leaves them and their articles alone."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from ..epaper.attach import PageFile, attach, removing_on_failure
from ..epaper.pdf import PageFileError, read_pdf
from ..epaper.pictures import from_image_file
from ..models import Area, Article, Page
from ..uploads import PhotoField


class PageFilesForm(forms.ModelForm):
    """The 版 form with uploads for the page's PDF and image, checked by opening them."""

    pdf_upload = forms.FileField(
        label="上传版面 PDF", required=False, help_text="替换本版的 PDF；有文字层时自动识别热区"
    )
    image_upload = PhotoField(
        label="上传版面图", required=False, help_text="JPEG、PNG 或 WebP；优先于 PDF 用作版面图"
    )

    class Meta:
        model = Page
        fields = ("issue", "number", "name", "editor")

    def clean_pdf_upload(self):
        return self.checked("pdf_upload", read_pdf)

    def clean_image_upload(self):
        return self.checked("image_upload", from_image_file)

    def checked(self, name, opener):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        file = PageFile(upload.name, upload.read())
        try:
            opener(file.data, file.name)
        except PageFileError as error:
            raise forms.ValidationError(error.zh) from None
        return file


def save_page_files(request, page, form):
    """After the 版 form is saved: attach what was uploaded, and say what came of it."""
    pdf, image = form.cleaned_data.get("pdf_upload"), form.cleaned_data.get("image_upload")
    if not (pdf or image):
        return
    result = removing_on_failure(lambda written: attach(page, pdf=pdf, image=image, written=written))
    messages.success(request, f"版面文件已保存，版面图已生成；自动识别热区 {result.areas} 个。")
    for warning in result.warnings:
        messages.warning(request, warning)


def areas_view(model_admin, request, pk):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    page = get_object_or_404(Page.objects.select_related("issue"), pk=pk)
    if not model_admin.has_view_permission(request, page):
        raise PermissionDenied
    may_change = model_admin.has_change_permission(request, page)
    articles = list(
        Article.objects.filter(page__issue=page.issue)
        .select_related("page")
        .order_by("page__number", "position")
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        try:
            rows = parse_areas(request.POST.get("areas", ""), {a.pk for a in articles})
        except ValueError as error:
            return HttpResponseBadRequest(f"热区数据有误：{error}", content_type="text/plain; charset=utf-8")
        with transaction.atomic():
            Area.objects.filter(page=page).delete()
            for article_id, x, y, width, height in rows:
                Area.objects.create(
                    page=page, article_id=article_id, x=x, y=y, width=width, height=height, drawn=True
                )
        messages.success(request, f"已保存本版热区 {len(rows)} 个。")
        return redirect(request.path)
    areas = [
        {"article": a.article_id, "x": a.x, "y": a.y, "width": a.width, "height": a.height}
        for a in Area.objects.filter(page=page)
    ]
    choices = [
        {"id": a.pk, "label": f"第{a.page.number}版 · {a.headline}", "own": a.page_id == page.pk}
        for a in articles
    ]
    placed = {area["article"] for area in areas}
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{page} 热区",
        "page": page,
        "opts": Page._meta,
        "may_change": may_change,
        "editor_data": {"areas": areas, "articles": choices},
        "unplaced": [a for a in articles if a.page_id == page.pk and a.pk not in placed],
    }
    return TemplateResponse(request, "admin/articles/page_areas.html", context)


def parse_areas(raw, allowed):
    """[(article id, x, y, width, height)] from the editor's JSON; ValueError saying what is wrong."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise ValueError("不是有效的 JSON") from None
    if not isinstance(data, list):
        raise ValueError("应为热区列表")
    rows = []
    for index, item in enumerate(data, 1):
        try:
            article = int(item["article"])
            x, y, width, height = (float(item[key]) for key in ("x", "y", "width", "height"))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"第 {index} 个热区缺少稿件或坐标") from None
        if article not in allowed:
            raise ValueError(f"第 {index} 个热区的稿件不属于本期")
        if not (
            x >= 0
            and y >= 0
            and width >= 0.001
            and height >= 0.001
            and x + width <= 1.0001
            and y + height <= 1.0001
        ):
            raise ValueError(f"第 {index} 个热区超出了版面")
        rows.append((article, x, y, width, height))
    return rows
