from concurrency.forms import ConcurrentForm
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from taggit.models import Tag
from taggit.utils import parse_tags

from ..models import Article, Status
from .conflicts import describe_conflict, read_snapshot, snapshot

FACT_FIELDS = ("kicker", "headline", "subtitle", "body")


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
    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label="更正说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="已发布稿件的事实内容（引题、主题、副题、正文）有改动时必填，将显示在稿件末尾。",
    )

    restoring_revision = False

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.pk for tag in self.instance.tags.all()]
            self.initial["opened_as"] = snapshot(self.instance)

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
        if self.facts_changed_after_publication() and not cleaned.get("correction_note", "").strip():
            self.add_error("correction_note", "这篇稿件已经发布，修改事实内容须填写更正说明。")
        return cleaned

    def facts_changed_after_publication(self):
        was_published = self.instance.pk and (
            Article.objects.filter(pk=self.instance.pk, status=Status.PUBLISHED).exists()
        )
        return bool(was_published) and any(field in self.changed_data for field in FACT_FIELDS)

    @property
    def typed_tags(self):
        return parse_tags(self.cleaned_data.get("new_tags", ""))
