from django.test.signals import setting_changed

from dateline.popularity import backends


def reset_backend(sender, setting, **kwargs):
    backends.backend_reset(setting=setting)


def connect() -> None:
    setting_changed.connect(reset_backend, dispatch_uid="popularity-backend-reset")
