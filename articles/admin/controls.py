"""Form controls that a screen reader can name.

The admin's split date/time widget renders two inputs under one label that points at neither, and
a tabular inline shows its field labels only as column headings; both leave controls unnamed
(axe-core's `label` and `select-name` rules). Here each such control carries its name."""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.forms.models import BaseInlineFormSet


class NamedSplitDateTime(AdminSplitDateTime):
    """Date and time, each named after the field, the time with its seconds: a time shown without
    them would come back changed on every save."""

    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        date, time = self.widgets
        date.attrs = {**date.attrs, "aria-label": f"{label}：日期"}
        time.attrs = {**time.attrs, "aria-label": f"{label}：时间（时:分:秒）"}
        time.format = "%H:%M:%S"


class NamedControlsAdmin:
    """ModelAdmin mixin: date-times as NamedSplitDateTime."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and db_field.editable:
            kwargs["widget"] = NamedSplitDateTime(db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NamedInlineFormSet(BaseInlineFormSet):
    """Every control of a tabular row named by its column, the delete box included."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "新行" if index is None else f"第{index + 1}行"
        for name, field in form.fields.items():
            label = "删除" if name == "DELETE" else field.label or name
            field.widget.attrs.setdefault("aria-label", f"{label}（{row}）")
