from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.popularity.report import MostViewedReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/most-viewed/", MostViewedReportView.as_view(), name="popularity_report"),
        path(
            "reports/most-viewed/results/",
            MostViewedReportView.as_view(results_only=True),
            name="popularity_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Most viewed"), reverse("popularity_report"), name="most-viewed", icon_name="view"
    )
