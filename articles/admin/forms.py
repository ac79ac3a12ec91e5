from concurrency.forms import ConcurrentForm
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils.functional import cached_property
from taggit.models import Tag
from taggit.utils import parse_tags

from ..models import Article, Status
from ..review import FACT_FIELDS, ReviewIncomplete, active_chain, check_may_publish, normalized
from .conflicts import describe_conflict, read_snapshot, snapshot


class CopyField(forms.CharField):
    """Text as the browser sends it back is the same text: CRLF line ends and trailing spaces
    are not a change (review/texts.py)."""

    def to_python(self, value):
        return normalized(super().to_python(value))


# Sized for Chinese news copy: a headline stack line holds ~40 characters; a story runs to pages.
COPY_WIDGETS = {
    "kicker": forms.TextInput(attrs={"size": 60, "class": "vTextField copy-line"}),
    "headline": forms.TextInput(attrs={"size": 60, "class": "vTextField copy-line"}),
    "subtitle": forms.TextInput(attrs={"size": 60, "class": "vTextField copy-line"}),
    "body": forms.Textarea(attrs={"rows": 28, "cols": 80, "class": "vLargeTextField copy-body"}),
    "summary": forms.Textarea(attrs={"rows": 3, "cols": 80}),
}


class ArticleForm(ConcurrentForm):
    """The article change form.

    - tags: existing tags by autocomplete, new ones typed in "新标签";
    - a published article whose facts change needs a correction note, shown to readers;
    - a save based on an older version is refused with what the other editor changed, and the
      form keeps this editor's text.
    """

    tags = forms.ModelMultipleChoiceField(
        Tag.objects.all(),
        required=False,
        label="标签",
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
    )
    new_tags = forms.CharField(label="新标签", required=False, help_text="用逗号分隔，例如：养老, 民生")
    opened_as = forms.CharField(label="打开时的内容", widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label="更正说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="已发布稿件的事实内容（引题、主题、副题、正文）有改动时必填，将显示在稿件末尾。",
    )
    not_factual = forms.BooleanField(
        label="非事实性修改",
        required=False,
        help_text="例如修正导入错误、错别字：不向读者显示更正，只记录原因。",
    )
    not_factual_reason = forms.CharField(label="修改原因", required=False, max_length=200)

    restoring_revision = False

    class Meta:
        model = Article
        fields = "__all__"
        field_classes = {name: CopyField for name in (*FACT_FIELDS, "summary")}
        widgets = COPY_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.pk for tag in self.instance.tags.all()]
            self.initial["opened_as"] = snapshot(self.instance)
        if "version" in self.fields:
            self.fields["version"].label = "版本号"

    def clean(self):
        if self.restoring_revision:
            # Skip ConcurrentForm's version check too: the restored revision carries no version.
            return forms.ModelForm.clean(self)
        cleaned = super().clean()
        if self.instance.pk:
            opened_as = read_snapshot(self.data.get(self.add_prefix("opened_as")))
            conflict = describe_conflict(self.instance, cleaned.get("version"), opened_as)
            if conflict:
                self._errors.pop("__all__", None)  # replace the package's terse "Record Modified"
                raise forms.ValidationError(conflict, code="conflict")
        if self.facts_changed_after_publication():
            self.clean_correction(cleaned)
        self.check_review(cleaned)
        return cleaned

    def clean_correction(self, cleaned):
        """A changed fact on a live story is a public correction, unless the editor says it is not
        one (an import error, a typo) and why."""
        if cleaned.get("not_factual"):
            if not cleaned.get("not_factual_reason", "").strip():
                self.add_error("not_factual_reason", "请写明这次修改为什么不是事实更正。")
        elif not cleaned.get("correction_note", "").strip():
            self.add_error(
                "correction_note",
                "这篇稿件已经发布，修改事实内容须填写更正说明；"
                "若只是修正导入错误或错别字，请勾选“非事实性修改”并写明原因。",
            )

    def check_review(self, cleaned):
        """A draft goes live only with every sign-off on the text as stored; a text changed in the
        same save has not been signed yet."""
        if not self.instance.pk or cleaned.get("status") != Status.PUBLISHED or not active_chain():
            return
        if self.stored_status == Status.PUBLISHED:
            return
        try:
            check_may_publish(Article.objects.filter(pk=self.instance.pk))
        except ReviewIncomplete as gap:
            self.add_error("status", str(gap))
            return
        if any(field in self.changed_data for field in FACT_FIELDS):
            self.add_error("status", "正文等内容有改动，须先保存并重新签发，才能发布。")

    @cached_property
    def stored_status(self):
        """The status as stored: the instance may already hold the form's."""
        if not self.instance.pk:
            return None
        return Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()

    def facts_changed_after_publication(self):
        was_published = self.stored_status == Status.PUBLISHED
        return was_published and any(field in self.changed_data for field in FACT_FIELDS)

    @property
    def typed_tags(self):
        return parse_tags(self.cleaned_data.get("new_tags", ""))
