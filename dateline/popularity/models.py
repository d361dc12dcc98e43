"""View counts: hourly buckets, daily totals after 35 days, and an all-time total per story.

Rows are only ever written in batches by ``services.views_store`` (never per view).
The window queries read ``HourlyViews`` by a range of ``hour``; the (hour, page, views)
index lets them run from the index alone, however large the table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodViews(models.Model):
    """A story's views in one period (an hour, a day); subclasses add the period field."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        abstract = True


class HourlyViews(PeriodViews):
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour (UTC)."))

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="popularity_hourly_page_hour")
        ]
        indexes = [models.Index(fields=["hour", "page", "views"], name="popularity_hourly_window")]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.hour:%Y-%m-%d %H}:00: {self.views}"


class DailyViews(PeriodViews):
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="popularity_daily_page_day")
        ]
        indexes = [models.Index(fields=["day", "page", "views"], name="popularity_daily_window")]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.day}: {self.views}"


class ViewsWindow(models.Model):
    """Where a rolling window's running totals (``WindowViews``) start.

    The totals hold every hourly view from ``start`` on; moving the window subtracts
    the hours that left it (services.views_windows_advance). No start: not built yet.
    """

    name = models.CharField(_("window"), max_length=8, primary_key=True)
    start = models.DateTimeField(
        _("first hour"), null=True, blank=True, help_text=_("The first hour counted (UTC).")
    )

    class Meta:
        verbose_name = _("Most Viewed window")
        verbose_name_plural = _("Most Viewed windows")

    def __str__(self) -> str:
        return f"{self.name} from {self.start:%Y-%m-%d %H}:00" if self.start else self.name


class WindowViews(models.Model):
    """A story's views in a rolling window (day, week, month), kept up to date at each flush.

    Reading a window's top stories is then one indexed query, however many stories
    and views there are, instead of a sum over up to 721 hours of every story.
    """

    window = models.CharField(_("window"), max_length=8)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    # Signed: moving a window subtracts, and rows that reach zero are deleted.
    views = models.BigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in a window")
        verbose_name_plural = _("views in a window")
        constraints = [
            models.UniqueConstraint(fields=["window", "page"], name="popularity_window_page")
        ]
        indexes = [models.Index(fields=["window", "views", "page"], name="popularity_window_top")]

    def __str__(self) -> str:
        return f"{self.page_id} in {self.window}: {self.views}"


class TotalViews(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="total_views",
        primary_key=True,
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("all-time views")
        verbose_name_plural = _("all-time views")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"
