"""Form controls that a screen reader can name.

The admin's split date/time widget renders two inputs under one label that points at neither, and
a tabular inline shows its field labels only as column headings; both leave controls unnamed
(axe-core's `label` and `select-name` rules). Here each such control carries its name."""

from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property


class NamedSplitDateTime(AdminSplitDateTime):
    """Date and time, each named after the field, the time with its seconds: a time shown without
    them would come back changed on every save."""

    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        date, time = self.widgets
        date.attrs = {**date.attrs, "aria-label": f"{label}：日期"}
        time.attrs = {**time.attrs, "aria-label": f"{label}：时间（时:分:秒）"}
        time.format = "%H:%M:%S"


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that shows its current choice from `preloaded` ({pk: label}, filled by
    a formset for all its rows in one query) instead of querying once per row. Its empty choice
    has a label, and it does not carry `required`: the admin's one-option select would be a
    required select without an empty first option, which HTML forbids; the form still checks."""

    preloaded = None

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("required", None)
        return attrs

    def optgroups(self, name, value, attr=None):
        keys = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        labels = self.preloaded
        if labels is None:
            found = self.choices.queryset.using(self.db).filter(pk__in=keys)
            labels = {str(obj.pk): self.choices.field.label_from_instance(obj) for obj in found}
        options = [] if self.is_required else [self.create_option(name, "", "（未选）", not keys, 0)]
        for key in keys:
            if key in labels:
                options.append(self.create_option(name, key, labels[key], True, len(options)))
        return [(None, options, 0)]


class NamedControlsAdmin:
    """ModelAdmin or inline mixin: date-times as NamedSplitDateTime, autocomplete boxes as
    PreloadedAutocompleteSelect."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and db_field.editable:
            kwargs["widget"] = NamedSplitDateTime(db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            using = kwargs.get("using")
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NamedInlineFormSet(BaseInlineFormSet):
    """Every control of a tabular row named by its column, the delete box included; the rows'
    autocomplete choices read at once (PreloadedAutocompleteSelect)."""

    @cached_property
    def forms(self):
        forms = super().forms
        for name in forms[0].fields if forms else ():
            widgets = [getattr(form.fields[name].widget, "widget", None) for form in forms]
            if not all(isinstance(widget, PreloadedAutocompleteSelect) for widget in widgets):
                continue
            keys = {str(form[name].value()) for form in forms if form[name].value()}
            model = widgets[0].field.remote_field.model
            labels = {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=keys)}
            for widget in widgets:
                widget.preloaded = labels
        return forms

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "新行" if index is None else f"第{index + 1}行"
        for name, field in form.fields.items():
            label = "删除" if name == "DELETE" else field.label or name
            field.widget.attrs.setdefault("aria-label", f"{label}（{row}）")
