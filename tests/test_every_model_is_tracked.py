"""Every model of every project app keeps its history, with the audit columns."""

from django.apps import apps

# The audit app's own tables are the trail itself: append-only, guarded by triggers instead.
PROJECT_APPS = {"directory", "ip_registry", "initiatives", "reports"}


def project_models():
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical"):
            yield model


def test_every_project_model_has_a_history_with_audit_columns():
    models = list(project_models())
    assert models, "no project models found"
    for model in models:
        assert hasattr(model, "history"), f"{model.__name__} keeps no history"
        columns = {field.name for field in model.history.model._meta.fields}
        assert {"history_user", "history_change_reason", "history_ip_address", "history_channel",
                "history_request_id"} <= columns, model.__name__


def test_the_user_history_never_holds_the_password_hash():
    from directory.models import User

    columns = {field.name for field in User.history.model._meta.fields}
    assert "password" not in columns
    assert "last_login" not in columns
    assert "password_changed_at" in columns


def test_every_project_model_is_in_the_admin_with_its_history():
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    missing = [model.__name__ for model in project_models() if model not in admin.site._registry]
    assert missing == []
    assert all(isinstance(admin.site._registry[model], SimpleHistoryAdmin) for model in project_models())


def test_the_audit_apps_own_tables_are_append_only():
    from audit.triggers import protected_tables

    own = {model._meta.db_table for model in apps.get_app_config("audit").get_models()}
    assert own <= set(protected_tables())
