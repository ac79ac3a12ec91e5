from django import forms
from django.contrib import admin
from django.utils.html import format_html

from ..models import Image
from .controls import NamedControlsAdmin, NamedInlineFormSet
from .parts import ArticlePartInline


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ("order", "file", "caption", "credit", "credit_author", "alt_text")

    def save(self, commit=True):
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "photo_format"):
            self.instance.format = upload.photo_format
        return super().save(commit)


class ImageInline(NamedControlsAdmin, ArticlePartInline, admin.StackedInline):
    model = Image
    form = ImageForm
    formset = NamedInlineFormSet
    fields = ("order", "thumbnail", "file", "caption", "credit", "credit_author", "alt_text", "size_note")
    readonly_fields = ("thumbnail", "size_note")
    autocomplete_fields = ("credit_author",)
    extra = 0

    @admin.display(description="预览")
    def thumbnail(self, image):
        if not image.file:
            return "（照片尚未上传）"
        return format_html(
            '<img src="{}" alt="" style="max-width:160px;height:auto">', image.rendition_320_jpeg.url
        )

    @admin.display(description="尺寸")
    def size_note(self, image):
        if not image.file:
            return "—"
        return f"{image.width}×{image.height} {image.format}"
