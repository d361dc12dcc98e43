from django import template

from dateline.comments.fragments import comments_fragment
from dateline.comments.text import text_html
from dateline.comments.views import form_context, fresh_form_context

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context):
    """The comments of ``page``: the cached list, then the form (or why it is closed)."""
    request = context["request"]
    page = context["page"]
    sent = request.GET.get("comment") == "sent"
    if sent or "reply_to" in request.GET:
        section = form_context(request, page)  # the form as this reader needs it
    else:
        section = fresh_form_context(request, page)  # the same markup, drawn once
    # the count of approved comments, when the story's route read it (news.selectors)
    approved = vars(page).get("approved_comments")
    section.update(comments_fragment(page_id=page.pk, approved=approved))
    section["sent"] = sent
    return section


register.filter("comment_text", text_html)
