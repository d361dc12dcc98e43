"""Static files collect as `make run` and production collect them (hashed, compressed)."""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage_finds_every_referenced_file(tmp_path):
    # The manifest storage rewrites every url() and sourceMappingURL and fails on a
    # reference to a file that is not there (e.g. a vendored library's missing .map).
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)

    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("dateline/css/site.*.css.gz"))
