"""Import page text from the admin: upload, review the dry run, confirm.

The uploaded text files are kept, signed, in the session between review and confirmation; the
pages' PDFs and images, too large for a session, wait in the media storage under a random
folder, removed once the import is done or refused. The same importer as the command writes
them. A bad file gets the importer's error; nothing is written.
"""

import base64
import secrets
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse

from ..epaper.attach import PageFile, remove
from ..epaper.pdf import PageFileError, read_pdf
from ..epaper.pictures import from_image_file
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
    def __init__(self, *args, max_bytes_setting="IMPORT_MAX_BYTES", too_big="不像是版面文本", **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)
        self.max_bytes_setting, self.too_big = max_bytes_setting, too_big

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if not files:
            if not self.required:
                return []
            raise forms.ValidationError("请选择至少一个版面文本文件。")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多导入 {MAX_FILES} 个文件。")
        limit = getattr(settings, self.max_bytes_setting)
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    f"{upload.name}：文件过大（上限 {filesizeformat(limit)}），{self.too_big}。"
                )
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="版面文本文件", help_text="每版一个 .txt 文件，UTF-8 或 GB18030 编码均可。"
    )
    page_files = MultipleFileField(
        label="版面 PDF 与版面图",
        required=False,
        max_bytes_setting="PAGE_FILE_MAX_BYTES",
        too_big="请压缩后再上传",
        help_text="可选：与文本同名的 PDF 或图片（A01.txt 配 A01.pdf、A01.jpg），用于数字报版面图和热区。",
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
            page_files = matched_page_files(sources, form.cleaned_data["page_files"])
            pages = dry_run(sources, options_from(form.cleaned_data))
        except ImportFailed as error:
            form.add_error(None, error.zh)
        else:
            forget_pending(request.session.get(SESSION_KEY))
            request.session[SESSION_KEY] = {
                "files": [(s.name, base64.b64encode(s.read()).decode("ascii")) for s in sources],
                "page_files": keep_until_confirmed(page_files),
                "date": form.cleaned_data["date"].isoformat(),
                "page": form.cleaned_data["page"],
                "page_name": form.cleaned_data["page_name"],
                "publish": form.cleaned_data["publish"],
                "allow_far_date": form.cleaned_data["allow_far_date"],
            }
            context.update(
                page_files={name: [file.name for file in files] for name, files in page_files.items()},
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
    waiting = pending.get("page_files", {})
    sources = [
        Source.from_bytes(name, base64.b64decode(data), files=read_kept(waiting.get(name, ())))
        for name, data in pending["files"]
    ]
    options = options_from({**pending, "date": ImportOptions.parse_date(pending["date"])})
    try:
        report = run_import(sources, options, user=request.user)
    except ImportFailed as error:
        messages.error(request, f"导入失败，未写入任何内容：{error.zh}")
        return redirect("admin:articles_issue_import")
    finally:
        forget_pending(pending)
    dates = sorted({page.date for page in report.pages})
    context.update(
        report=report, title="导入完成", issues=Issue.objects.filter(date__in=dates).order_by("date")
    )
    return TemplateResponse(request, "admin/articles/import_done.html", context)


def matched_page_files(sources, uploads):
    """{text file's name: [PageFile]}: each PDF or image with the text file of the same name,
    opened to check it; one that matches no text file, or cannot be opened, is refused."""
    stems = {PurePath(source.name).stem: source.name for source in sources}
    matched = {}
    for upload in uploads:
        stem = PurePath(upload.name).stem
        if stem not in stems:
            raise ImportFailed(
                f"{upload.name}: no page text of the same name",
                f"{upload.name}：没有同名的版面文本（{stem}.txt）",
            )
        file = PageFile(upload.name, upload.read())
        try:
            read_pdf(file.data, file.name) if file.is_pdf else from_image_file(file.data, file.name)
        except PageFileError as error:
            raise ImportFailed(str(error), error.zh) from None
        matched.setdefault(stems[stem], []).append(file)
    return matched


def keep_until_confirmed(page_files):
    """Store the files under a folder no one can guess; {text name: [(file name, stored name)]}."""
    folder = f"import-pending/{secrets.token_hex(16)}"
    return {
        name: [
            (file.name, default_storage.save(f"{folder}/{file.name}", ContentFile(file.data)))
            for file in files
        ]
        for name, files in page_files.items()
    }


def read_kept(files):
    kept = []
    for name, stored in files:
        with default_storage.open(stored, "rb") as handle:
            kept.append((name, handle.read()))
    return kept


def forget_pending(pending):
    """Remove the stored page files of an import confirmed, refused or replaced by another upload."""
    if pending:
        remove([stored for files in pending.get("page_files", {}).values() for _name, stored in files])
