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
