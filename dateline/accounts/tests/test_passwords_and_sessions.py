"""Password policy and sessions that survive a cache outage."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dateline.conftest import clear_default_cache


@pytest.mark.parametrize("password", ["Tr0ub4dor", "x7#kQ2!p"])
def test_passwords_under_ten_characters_are_refused(password):
    with pytest.raises(ValidationError, match="at least 10 characters"):
        validate_password(password)


@pytest.mark.parametrize("password", ["password123", "qwertyuiop", "1234567890"])
def test_common_passwords_are_refused(password):
    with pytest.raises(ValidationError, match="too common"):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "the harbour reopened at dawn, finally!"]
)
def test_long_passphrases_are_accepted(password):
    validate_password(password)


@pytest.mark.django_db
def test_an_editor_stays_logged_in_when_the_cache_is_emptied(client, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-ed-1-long")
    login = {"username": "ed", "password": "pw-ed-1-long", "next": "/admin/"}
    assert client.post("/admin/login/", login).status_code == 302
    assert client.get("/admin/").status_code == 200
    clear_default_cache()  # as after a Redis restart: the session's cached copy is gone
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == editor
