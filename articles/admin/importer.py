"""Import page text from the admin: upload, review the dry run, confirm.

The uploaded files are kept, signed, in the session between review and confirmation, and the
same importer as the command writes them. A bad file gets the importer's error; nothing is written.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse

from ..importing import ImportFailed, ImportOptions, Source, dry_run, run_import, same_text_elsewhere
from ..models import Issue
from ..parsing import page_to_dict
from ..permissions import can_publish
from ..review import active_chain

SESSION_KEY = "articles_pending_import"
MAX_FILES = 40


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if not files:
            raise forms.ValidationError("请选择至少一个版面文本文件。")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多导入 {MAX_FILES} 个文件。")
        for upload in files:
            if upload.size > settings.IMPORT_MAX_BYTES:
                limit = filesizeformat(settings.IMPORT_MAX_BYTES)
                raise forms.ValidationError(f"{upload.name}：文件过大（上限 {limit}），不像是版面文本。")
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="版面文本文件", help_text="每版一个 .txt 文件，UTF-8 或 GB18030 编码均可。"
    )
    date = forms.DateField(label="出版日期", help_text="文本中没有日期时使用，格式 2024-03-12")
    page = forms.IntegerField(
        label="起始版次",
        required=False,
        min_value=1,
        max_value=999,
        help_text="文本中没有版次时使用；多个文件依次为起始版次、起始版次+1……",
    )
    page_name = forms.CharField(
        label="版名", required=False, max_length=50, help_text="文本中没有版名时使用，例如：要闻"
    )
    publish = forms.BooleanField(
        label="导入后立即发布整期",
        required=False,
        help_text="仅在未启用三审三校时可用；启用时须在签发完成后从本期概览发布。",
    )

    def __init__(self, *args, chain=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chain = chain
        if chain:
            self.fields["publish"].disabled = True

    def clean_publish(self):
        if self.cleaned_data.get("publish") and self.chain:
            raise forms.ValidationError("已启用三审三校：稿件须逐级签发后才能发布。")
        return self.cleaned_data.get("publish")

    allow_far_date = forms.BooleanField(
        label="日期确实远离今天",
        required=False,
        help_text="出版日期晚于今天一周以上或早于1900年时须勾选，以免输错的日期成为网站首页。",
    )


def options_from(data):
    return ImportOptions(
        date=data["date"],
        page=data.get("page"),
        page_name=data.get("page_name") or "",
        publish=data.get("publish", False),
        allow_far_date=data.get("allow_far_date", False),
    )


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "导入版面文本",
        "opts": model_admin.model._meta,
    }
    if request.method == "POST" and "confirm" in request.POST:
        return confirm(model_admin, request, context)
    form = ImportForm(request.POST or None, request.FILES or None, chain=active_chain())
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["publish"] and not can_publish(request.user):
            raise PermissionDenied
        sources = [Source.from_bytes(f.name, f.read()) for f in form.cleaned_data["files"]]
        try:
            pages = dry_run(sources, options_from(form.cleaned_data))
        except ImportFailed as error:
            form.add_error(None, error.zh)
        else:
            request.session[SESSION_KEY] = {
                "files": [(s.name, base64.b64encode(s.read()).decode("ascii")) for s in sources],
                "date": form.cleaned_data["date"].isoformat(),
                "page": form.cleaned_data["page"],
                "page_name": form.cleaned_data["page_name"],
                "publish": form.cleaned_data["publish"],
                "allow_far_date": form.cleaned_data["allow_far_date"],
            }
            context.update(
                pages=[page_to_dict(p) for p in pages],
                pending=True,
                publish=form.cleaned_data["publish"],
                same_text=same_text_elsewhere(pages),
                title="核对导入内容",
            )
            return TemplateResponse(request, "admin/articles/import_review.html", context)
    context["form"] = form
    return TemplateResponse(request, "admin/articles/import_form.html", context)


def confirm(model_admin, request, context):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending:
        messages.error(request, "没有待确认的导入，请重新上传。")
        return redirect("admin:articles_issue_import")
    sources = [Source.from_bytes(name, base64.b64decode(data)) for name, data in pending["files"]]
    options = options_from({**pending, "date": ImportOptions.parse_date(pending["date"])})
    try:
        report = run_import(sources, options, user=request.user)
    except ImportFailed as error:
        messages.error(request, f"导入失败，未写入任何内容：{error.zh}")
        return redirect("admin:articles_issue_import")
    dates = sorted({page.date for page in report.pages})
    context.update(
        report=report, title="导入完成", issues=Issue.objects.filter(date__in=dates).order_by("date")
    )
    return TemplateResponse(request, "admin/articles/import_done.html", context)
