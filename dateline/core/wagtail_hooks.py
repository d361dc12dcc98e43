from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.core.page_cache import page_cache_depends
from dateline.core.translation_report import MissingTranslationsReportView


@hooks.register("before_serve_page")
def note_page_cache_tags(page, request, serve_args, serve_kwargs):
    tags = page.page_cache_tags() if hasattr(page, "page_cache_tags") else [f"page:{page.pk}"]
    page_cache_depends(*tags)


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    view = MissingTranslationsReportView
    return [
        path("reports/missing-translations/", view.as_view(), name="missing_translations_report"),
        path(
            "reports/missing-translations/results/",
            view.as_view(results_only=True),
            name="missing_translations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Missing translations"),
        reverse("missing_translations_report"),
        name="missing-translations",
        icon_name="globe",
    )
