"""The reader's side: the comment form's POST, answered with a redirect or in place.

Without JavaScript the form is an ordinary POST followed by a redirect (303); the
script (static/dateline/js/comments.js) sends the same POST with ``X-Comments-Fetch``
and puts the returned form in place. Every refusal comes back as the form, with
what the reader typed and a status that says why: 400 invalid, 403 closed, 429 too
many, 503 not saved.

The form is on cached pages that everyone gets alike, so it carries no per-reader CSRF
token (a cached token would be someone else's). The POST is protected instead by the
origin check (core/origin.py: only our own pages may send it; another site gets a 403),
the signed form token bound to the story with its age, the honeypot, the rate limit,
and SameSite=Lax cookies. None of it needs JavaScript.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from dateline.comments import selectors, spam
from dateline.comments.forms import CommentForm
from dateline.comments.models import Comment, commentable_models
from dateline.comments.services import comment_create
from dateline.comments.text import text_scrub
from dateline.core.html_cache import rendered
from dateline.core.origin import request_from_this_site
from dateline.popularity.counting import client_hash

logger = logging.getLogger(__name__)
FIELDS = ("name", "email", "text", "parent", "token", "website")
FORM_TEMPLATE = "comments/form.html"
# Stand-ins for what differs from story to story in the fresh form (fresh_form_context):
# the story's key (digits, as the post's address takes them) and the signed token.
PAGE_HOLE = 918273645546372819
TOKEN_HOLE = "dateline-comment-token-hole"  # noqa: S105 - a marker, not a secret


def is_fetch(request: HttpRequest) -> bool:
    return request.headers.get("X-Comments-Fetch") == "1"


def form_context(request, page, *, form=None, notice=None, sent=False) -> dict:
    settings = selectors.comment_settings_for(Site.find_for_request(request))
    reply_to = None
    if form is None:
        initial = {"token": spam.token_issue(page_id=page.pk)}
        raw_parent = request.GET.get("reply_to", "")
        # ASCII digits only ("²" is a digit int() refuses) and no more than an id holds
        if raw_parent.isascii() and raw_parent.isdigit() and len(raw_parent) <= 12:
            initial["parent"] = int(raw_parent)
            reply_to = int(raw_parent)
        form = CommentForm(initial=initial)
    return {
        "page": page,
        "form": form,
        "notice": notice,
        "sent": sent,
        "reply_to": reply_to,
        "open": selectors.comments_open(page, settings=settings),
        "request": request,
    }


def fresh_form_context(request, page) -> dict:
    """What ``form_context`` gives a reader who has not sent a comment or chosen one to
    reply to, with the form's markup already drawn (``form_html``): kept once per
    language and open or closed (core/html_cache.py), the story's key and a new token
    put in on the way out. Drawing the form took about 1.4 ms of every story page."""
    settings = selectors.comment_settings_for(Site.find_for_request(request))
    is_open = selectors.comments_open(page, settings=settings)

    def drawn() -> dict:
        form = CommentForm(initial={"token": TOKEN_HOLE})
        return {"page": {"pk": PAGE_HOLE}, "form": form, "open": is_open}

    holes = {str(PAGE_HOLE): str(page.pk)}
    if is_open:
        holes[TOKEN_HOLE] = spam.token_issue(page_id=page.pk)
    html = rendered(FORM_TEMPLATE, {"open": is_open}, context=drawn, holes=holes)
    return {
        "page": page,
        "form_html": html,
        "notice": None,
        "sent": False,
        "reply_to": None,
        "open": is_open,
        "request": request,
    }


def _answer(request, page, *, status: int, form=None, notice=None, sent=False):
    context = form_context(request, page, form=form, notice=notice, sent=sent)
    template = "comments/form.html" if is_fetch(request) else "comments/form_page.html"
    response = TemplateResponse(request, template, context, status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


def _fresh_token(form: CommentForm, page_id: int) -> CommentForm:
    """The same form with a new token, so the reader's next try is not refused again."""
    data = form.data.copy()
    data["token"] = spam.token_issue(page_id=page_id)
    return CommentForm(data)


def _parent(page, form) -> Comment | None:
    parent_id = form.cleaned_data.get("parent")
    if not parent_id:
        return None
    return Comment.objects.filter(
        pk=parent_id, page=page, parent__isnull=True, status=Comment.Status.APPROVED
    ).first()


def commentable_page(page_id: int):
    """The live story ``page_id`` as its specific type, if readers may comment on it; else 404."""
    page = get_object_or_404(Page.objects.live().type(*commentable_models()), pk=page_id)
    return page.specific


@csrf_exempt  # the origin check stands in for the token (see the module's docstring)
@require_POST
def comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    """The form's POST; with the database unreachable at any step, a 503 that keeps the text."""
    try:
        response = _comment_post(request, page_id)
        if isinstance(response, TemplateResponse):
            response.render()  # here, so a database error while rendering is caught too
        return response
    except DatabaseError:
        logger.exception("Database unavailable for a comment on page %s", page_id)
        return _unavailable(request, page_id)


def _unavailable(request: HttpRequest, page_id: int) -> HttpResponse:
    """The form as sent, in a page that needs no database (no site chrome, no settings)."""
    data = {name: text_scrub(request.POST.get(name, "")) for name in FIELDS}
    context = {
        "page": {"pk": page_id},
        "form": CommentForm(data),
        "open": True,
        "notice": _(
            "We could not save your comment just now. It is still in "
            "the form below: please try again in a moment."
        ),
        "fetch": is_fetch(request),
    }
    response = TemplateResponse(request, "comments/form_unavailable.html", context, status=503)
    response["Retry-After"] = "30"
    return response.render()


def _comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    if not request_from_this_site(request):
        return HttpResponseForbidden(
            _("Comments can only be sent from this site's own pages."),
            content_type="text/plain; charset=utf-8",
        )
    page = commentable_page(page_id)
    settings = selectors.comment_settings_for(Site.find_for_request(request))
    data = {name: text_scrub(request.POST.get(name, "")) for name in FIELDS}
    form = CommentForm(data)
    if not selectors.comments_open(page, settings=settings):
        return _answer(
            request, page, status=403, form=form, notice=_("Comments are closed on this story.")
        )
    if not form.is_valid():
        return _answer(
            request,
            page,
            status=400,
            form=_fresh_token(form, page.pk) if "token" in form.errors else form,
        )
    if form.cleaned_data["website"]:
        # A bot filled the honeypot: it is told what a reader is told, and nothing is kept.
        return _sent(request, page)
    try:
        age = spam.token_age(form.cleaned_data["token"], page_id=page.pk)
    except spam.TokenError:
        form = _fresh_token(form, page.pk)
        form.is_valid()
        return _answer(
            request,
            page,
            status=400,
            form=form,
            notice=_(
                "This form has expired or could not be verified. "
                "Your comment is still here: please send it again."
            ),
        )
    parent = _parent(page, form)
    if form.cleaned_data.get("parent") and parent is None:
        # Returned as a new comment, so sending it again succeeds.
        form = CommentForm({**form.data, "parent": ""})
        form.is_valid()
        form.add_error(
            None,
            _(
                "The comment you are replying to is not shown on this story. "
                "Your text is below: send it as a new comment instead."
            ),
        )
        return _answer(request, page, status=400, form=form)
    if spam.rate_exceeded(client_hash(request)):
        return _answer(
            request,
            page,
            status=429,
            form=form,
            notice=_(
                "You have sent many comments in the last hour. "
                "Please wait a while and send this one again."
            ),
        )
    score = spam.spam_score(
        page_id=page.pk,
        email=form.cleaned_data["email"],
        text=form.cleaned_data["text"],
        fill_seconds=age,
    )
    try:
        comment_create(
            page=page,
            parent=parent,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
            score=score,
            settings=settings,
        )
    except DatabaseError:
        logger.exception("Could not save a comment on page %s", page.pk)
        return _answer(
            request,
            page,
            status=503,
            form=form,
            notice=_(
                "We could not save your comment just now. It is still in "
                "the form below: please try again in a moment."
            ),
        )
    return _sent(request, page)


def _sent(request, page) -> HttpResponse:
    if is_fetch(request):
        return _answer(request, page, status=200, sent=True)
    url = page.get_url(request) or "/"
    return HttpResponseRedirect(f"{url}?comment=sent#comments", status=303)
