from wagtail.signals import page_published

from dateline.maps import services


def draw_snapshot(sender, instance, **kwargs):
    services.map_snapshot_refresh(page_id=instance.pk)


def connect() -> None:
    from dateline.maps.models import MapPage

    page_published.connect(draw_snapshot, sender=MapPage, dispatch_uid="maps-snapshot")
