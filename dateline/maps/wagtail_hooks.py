from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.maps import views
from dateline.maps.models import Faction, MapPage


class FactionViewSet(SnippetViewSet):
    model = Faction
    icon = "group"
    menu_label = _("Map factions")
    list_display = ["name", "colour"]
    search_fields = ["name"]


register_snippet(FactionViewSet)


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("maps/<int:page_id>/import/", views.import_layer, name="maps_import")]


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name, next_url=None):
    if (
        issubclass(page.specific_class or type(page), MapPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Import GeoJSON"),
            reverse("maps_import", args=[page.pk]),
            icon_name="upload",
            priority=12,
        )
