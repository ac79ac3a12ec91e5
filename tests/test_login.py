"""Login throttling: repeated wrong passwords lock the account out from that address (django-axes)."""

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, password):
    return client.post(LOGIN, {"username": "bianji", "password": password, "next": "/admin/"})


def test_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong-password")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert attempt(client, "wrong-password").status_code == 429  # the last one allowed
    response = attempt(client, "pw-editor-123")
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_mistakes_then_the_right_password_logs_in(client, editor):
    attempt(client, "wrong-password")
    response = attempt(client, "pw-editor-123")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)


def test_another_address_is_not_locked_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "wrong-password")
    response = client.post(
        LOGIN,
        {"username": "bianji", "password": "pw-editor-123", "next": "/admin/"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302
