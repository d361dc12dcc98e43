"""Rendering deploy/nginx/dateline.conf.template: the operator's values, and nothing else."""

from __future__ import annotations

import pytest

from .conftest import render

VALUES = {
    "DATELINE_SERVER_NAME": "news.example.org www.news.example.org",
    "DATELINE_STATIC_ROOT": "/srv/dateline/var/static",
    "DATELINE_MEDIA_ROOT": "/srv/dateline/var/media",
}


def test_rendering_fills_every_setting_and_keeps_nginx_variables():
    text = render.render(VALUES)

    assert "${DATELINE_" not in text
    assert "server_name news.example.org www.news.example.org;" in text
    assert "alias /srv/dateline/var/static/;" in text
    assert "server 127.0.0.1:8000;" in text  # the default upstream
    assert "listen 127.0.0.1:8081;" in text  # the purge endpoint, loopback by default
    assert 'proxy_cache_key "news.example.org www.news.example.org$request_uri";' in text
    assert "$upstream_cache_status" in text and "$proxy_add_x_forwarded_for" in text


def test_without_the_purge_module_the_purge_endpoint_is_left_out():
    text = render.render(VALUES, purge=False)

    assert "proxy_cache_purge" not in text
    assert "proxy_cache dateline;" in text


@pytest.mark.parametrize("bad", ["news.example.org; include /etc/passwd", 'a"b', "$host", " "])
def test_a_value_that_would_change_the_configuration_is_refused(bad):
    with pytest.raises(ValueError, match="DATELINE_SERVER_NAME must be a plain value"):
        render.render({**VALUES, "DATELINE_SERVER_NAME": bad})


def test_a_missing_setting_is_named():
    with pytest.raises(ValueError, match="DATELINE_MEDIA_ROOT must be set"):
        render.render({k: v for k, v in VALUES.items() if k != "DATELINE_MEDIA_ROOT"})


def test_an_unknown_setting_is_refused():
    with pytest.raises(ValueError, match="Unknown setting"):
        render.render({**VALUES, "DATELINE_SERVERNAME": "typo.example.org"})
