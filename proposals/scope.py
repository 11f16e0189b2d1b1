"""Territorial scope as a generic relation to the models named in `PROPOSALS_SCOPE_MODELS`.

The plugin never imports those models: a host site names them in a setting (for Milan,
`cms.Municipio`) and they are looked up through the app registry."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from proposals import conf


def scope_models():
    models = []
    for label in conf.get("PROPOSALS_SCOPE_MODELS"):
        try:
            models.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return models


def scope_content_type_filter():
    """`limit_choices_to` for the scope's content type field (evaluated lazily)."""
    from django.db.models import Q

    query = Q(pk__in=[])
    for label in conf.get("PROPOSALS_SCOPE_MODELS"):
        app_label, _, model = label.partition(".")
        query |= Q(app_label=app_label, model=model.lower())
    return query


def scope_key(obj):
    if obj is None:
        return ""
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def scope_choices():
    """(key, label) pairs for every possible scope, for a select box."""
    choices = []
    for model in scope_models():
        content_type = ContentType.objects.get_for_model(model)
        choices += [
            (f"{content_type.pk}:{obj.pk}", str(obj)) for obj in model._default_manager.all()
        ]
    return choices


def scope_from_key(key):
    """The scope object a key names, or None; raises ValueError on a key that names nothing."""
    if not key:
        return None
    content_type_id, _, object_id = key.partition(":")
    allowed = {ContentType.objects.get_for_model(model).pk: model for model in scope_models()}
    model = allowed.get(int(content_type_id)) if content_type_id.isdigit() else None
    if model is None or not object_id.isdigit():
        raise ValueError(key)
    try:
        return model._default_manager.get(pk=object_id)
    except model.DoesNotExist as error:
        raise ValueError(key) from error
