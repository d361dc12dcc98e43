from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.comments import admin_views
from dateline.comments.models import BlockedTerm
from dateline.comments.selectors import pending_count


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_moderate(request.user)


class PendingCommentsSummaryItem(SummaryItem):
    order = 250
    template_name = "comments/admin/summary_item.html"

    def is_shown(self):
        return admin_views.can_moderate(self.request.user)

    def get_context_data(self, parent_context):
        return {"pending": pending_count()}


class BlockedTermViewSet(SnippetViewSet):
    model = BlockedTerm
    icon = "warning"
    menu_label = _("Comment blocklist")
    list_display = ["value", "kind"]
    list_filter = ["kind"]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("comments/", admin_views.queue, name="comments_queue"),
        path("comments/act/", admin_views.act, name="comments_act"),
        path("comments/<int:comment_id>/reply/", admin_views.reply, name="comments_reply"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ModeratorMenuItem(
        _("Comments"), reverse("comments_queue"), name="comments", icon_name="comment", order=220
    )


@hooks.register("construct_homepage_summary_items")
def add_pending_summary(request, items):
    items.append(PendingCommentsSummaryItem(request))


register_snippet(BlockedTermViewSet)
