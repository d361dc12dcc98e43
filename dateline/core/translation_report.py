"""Reports → Missing translations: live stories that some edition does not have yet.

A story and its translations share a ``translation_key`` (Wagtail i18n); a story whose
key has fewer pages than there are locales is missing somewhere. Each row links to the
story and to Wagtail's "Translate" form (``wagtail.contrib.simple_translation``), which
copies it into the chosen editions as drafts.
"""

from __future__ import annotations

import django_filters
from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_locales_display_names
from wagtail.models import Locale, Page


def _stories():
    return apps.get_model("news", "ArticlePage").objects.live()


class MissingTranslationsFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(
        label=_("Edition"),
        queryset=lambda request: Locale.objects.order_by("language_code"),
        empty_label=_("All editions"),
    )

    class Meta:
        model = Page
        fields = []


class TranslateColumn(Column):
    cell_template_name = "core/admin/translate_cell.html"


class MissingTranslationsReportView(ReportView):
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "missing_translations_report"
    index_results_url_name = "missing_translations_report_results"
    filterset_class = MissingTranslationsFilterSet
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "-first_published_at"
    export_filename = "missing-translations"
    list_export = ["title", "edition", "missing"]
    export_headings = {"title": _("Title"), "edition": _("Edition"), "missing": _("Missing in")}
    columns = [
        TitleColumn("title", label=_("Title"), url_name="wagtailadmin_pages:edit"),
        LocaleColumn(label=_("Edition")),
        Column("missing", label=_("Missing in")),
        TranslateColumn("translate", label=_("Translate")),
    ]
    model = Page

    def get_base_queryset(self):
        same_key = (
            Page.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by()  # no default ordering in the GROUP BY: one row per key
            .values("translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            _stories()
            .annotate(versions=Subquery(same_key, output_field=IntegerField()))
            .filter(versions__lt=Locale.objects.count())
        )

    def order_queryset(self, queryset):
        return queryset.order_by("-first_published_at", "-pk")

    def decorate_paginated_queryset(self, object_list):
        """Each story's missing editions, by name, from one query for the whole page."""
        stories = list(object_list)
        names = get_locales_display_names()
        have: dict = {}
        rows = Page.objects.filter(translation_key__in={s.translation_key for s in stories})
        for key, locale_id in rows.values_list("translation_key", "locale_id"):
            have.setdefault(key, set()).add(locale_id)
        for story in stories:
            missing = [pk for pk in names if pk not in have.get(story.translation_key, ())]
            story.missing = ", ".join(str(names[pk]) for pk in missing)
            story.edition = names.get(story.locale_id, "")
            story.translate_url = reverse(
                "simple_translation:submit_page_translation", args=(story.pk,)
            )
        return stories
