"""The imported text as each new article's first revision, so that the history shows what the
desk changed from the print text, and can bring it back.

django-reversion saves a revision per object through the ORM, following the bylines and photos:
several queries per article. An import writes them the way it writes articles, in bulk: one
revision for the import, and each row serialized as reversion's JSON format stores it."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from reversion.models import Revision, Version

from ..database import database
from ..versioning import UNVERSIONED

COMMENT = "导入版面原文"


def _fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in UNVERSIONED[model]
    ]


def _serialized(obj, fields, label):
    values = {}
    for field in fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        values[field.name] = value
    return json.dumps([{"model": label, "pk": obj.pk, "fields": values}], cls=DjangoJSONEncoder)


def record_imported(articles, parts, user=None, when=None):
    """One revision holding a version of each new article and of its bylines and photos (`parts`)."""
    if not articles:
        return
    revision = Revision.objects.create(comment=COMMENT, user=user, date_created=when)
    versions = []
    for obj in [*articles, *parts]:
        model = type(obj)
        versions.append(
            Version(
                revision=revision,
                object_id=str(obj.pk),
                content_type=ContentType.objects.get_for_model(model),
                db="default",
                format="json",
                serialized_data=_serialized(obj, _fields(model), model._meta.label_lower),
                object_repr=str(obj)[:200] if model._meta.model_name == "article" else "",
            )
        )
    database().insert(versions)
