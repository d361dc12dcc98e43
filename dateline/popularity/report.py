"""The editors' report: views per story over the last 30 days, with a daily sparkline."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.apps import apps
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from dateline.popularity.models import HourlyViews
from dateline.popularity.windows import story_models

DAYS = 30


def _sections():
    return apps.get_model("news", "SectionPage").objects.order_by("path")


class ReportFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=lambda request: _sections(), method="filter_section"
    )

    class Meta:
        model = Page
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path, depth__gt=value.depth)


class SparklineColumn(Column):
    cell_template_name = "popularity/admin/sparkline_cell.html"


def sparkline_points(values: list[int], *, width: int = 120, height: int = 24) -> str:
    """SVG polyline points for ``values``, scaled to fit the box."""
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{i * step:.1f},{height - value * (height - 2) / top - 1:.1f}"
        for i, value in enumerate(values)
    )


class MostViewedReportView(ReportView):
    page_title = _("Most viewed stories")
    header_icon = "view"
    index_url_name = "popularity_report"
    index_results_url_name = "popularity_report_results"
    filterset_class = ReportFilterSet
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "-views_30d"
    export_filename = "most-viewed"
    list_export = ["title", "section", "views_30d", "views_total", "daily"]
    export_headings = {
        "title": _("Title"),
        "section": _("Section"),
        "views_30d": _("Views, last 30 days"),
        "views_total": _("Views, all time"),
        "daily": _("Views per day, oldest first"),
    }
    columns = [
        TitleColumn(
            "title", label=_("Title"), url_name="wagtailadmin_pages:edit", sort_key="title"
        ),
        Column("section", label=_("Section")),
        NumberColumn("views_30d", label=_("Last 30 days"), sort_key="views_30d"),
        SparklineColumn("sparkline", label=_("Per day")),
        NumberColumn("views_total", label=_("All time"), sort_key="views_total"),
    ]

    model = Page

    def get_base_queryset(self):
        self.start = timezone.now() - timedelta(days=DAYS)
        recent = (
            HourlyViews.objects.filter(page=OuterRef("pk"), hour__gte=self.start)
            .values("page")
            .annotate(sum=Sum("views"))
            .values("sum")
        )
        return (
            Page.objects.type(*story_models())
            .annotate(
                views_30d=Coalesce(Subquery(recent, output_field=IntegerField()), Value(0)),
                views_total=Coalesce(F("total_views__views"), Value(0)),
            )
            .filter(views_30d__gt=0)
        )

    def order_queryset(self, queryset):
        return super().order_queryset(queryset).order_by(*self._ordering(), "-pk")

    def _ordering(self):
        ordering = self.ordering or self.default_ordering
        return [ordering] if isinstance(ordering, str) else list(ordering)

    def decorate_paginated_queryset(self, object_list):
        stories = list(object_list)
        today = timezone.now().date()
        days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
        daily = {story.pk: dict.fromkeys(days, 0) for story in stories}
        rows = (
            HourlyViews.objects.filter(page_id__in=daily, hour__gte=self.start)
            .annotate(day=TruncDate("hour"))
            .values("page_id", "day")
            .annotate(sum=Sum("views"))
        )
        for row in rows:
            if row["day"] in daily[row["page_id"]]:
                daily[row["page_id"]][row["day"]] += row["sum"]
        section_paths = {story.path[: Page.steplen * 3] for story in stories}
        titles = dict(_sections().filter(path__in=section_paths).values_list("path", "title"))
        for story in stories:
            values = list(daily[story.pk].values())
            story.daily = " ".join(str(value) for value in values)
            story.sparkline = sparkline_points(values)
            story.section = titles.get(story.path[: Page.steplen * 3], "")
        return stories
