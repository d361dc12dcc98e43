"""The moderation queue in the Wagtail admin: filter, act on one or many, reply."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page

from dateline.comments import services
from dateline.comments.models import TEXT_MAX, Comment

PERMISSION = "comments.moderate_comment"
ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


def can_moderate(user) -> bool:
    return user.has_perm(PERMISSION)


def _require(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Reply"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Published at once under the comment, marked as staff."),
    )


def is_id(value: str) -> bool:
    """ASCII digits that fit a database id: ``isdigit()`` alone passes "²", which ``int()``
    refuses, and thousands of digits, which it refuses or the database overflows on."""
    return value.isascii() and value.isdigit() and len(value) <= 12


def queue(request):
    _require(request)
    status = request.GET.get("status", Comment.Status.PENDING)
    comments = Comment.objects.select_related("page", "parent").order_by("-created_at", "-pk")
    if status in Comment.Status.values:
        comments = comments.filter(status=status)
    page_id = request.GET.get("article", "")
    if is_id(page_id):
        comments = comments.filter(page_id=int(page_id))
    # every story with comments: articles, galleries, videos
    articles = Page.objects.filter(comments__isnull=False).distinct().order_by("title")
    listing = Paginator(comments, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "listing": listing,
            "status": status,
            "statuses": Comment.Status.choices,
            "article": page_id,
            "articles": articles.only("pk", "title"),
            "header_title": _("Comments"),
        },
    )


@require_POST
def act(request):
    _require(request)
    # A row's own button sends "approve:12"; the bulk button sends the action and the ticks.
    action, _sep, row_id = request.POST.get("row", "").partition(":")
    if action:
        ids = [int(row_id)] if is_id(row_id) else []
    else:
        action = request.POST.get("action", "")
        ids = [int(v) for v in request.POST.getlist("comment") if is_id(v)]
    if not ids:
        messages.warning(request, _("Select at least one comment."))
    elif action == "delete":
        count = services.comments_delete(comment_ids=ids)
        messages.success(request, _("Deleted %(n)s comment(s).") % {"n": count})
    elif action in ACTIONS:
        count = services.comments_moderate(comment_ids=ids, status=ACTIONS[action])
        label = Comment.Status(ACTIONS[action]).label
        messages.success(
            request, _("%(n)s comment(s): %(status)s.") % {"n": count, "status": label}
        )
    else:
        messages.error(request, _("Choose an action."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if back and safe else "comments_queue")


def reply(request, comment_id: int):
    _require(request)
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_reply(parent=comment, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your reply is published."))
        return redirect("comments_queue")
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {"comment": comment, "form": form, "header_title": _("Reply to a comment")},
    )
