from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.curation.forms import PickListForm
from dateline.curation.models import PICKABLE_PAGE_TYPES, PickList


class PickListViewSet(SnippetViewSet):
    model = PickList
    icon = "pick"
    menu_label = _("Editor's Choice")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", Column("pick_count", label=_("Picks"))]
    edit_handler = ObjectList(
        [
            PageChooserPanel("section", page_type="news.SectionPage"),
            InlinePanel(
                "picks",
                heading=_("Picks"),
                label=_("Pick"),
                help_text=_("Drag to reorder, or use the arrows: the first pick shows first."),
                panels=[
                    PageChooserPanel("page", page_type=PICKABLE_PAGE_TYPES),
                    FieldPanel("headline"),
                    FieldPanel("image"),
                    FieldPanel("expires_at"),
                ],
            ),
        ],
        base_form_class=PickListForm,
    )

    def get_queryset(self, request):
        return PickList.objects.select_related("section").annotate(pick_count=Count("picks"))


register_snippet(PickListViewSet)
