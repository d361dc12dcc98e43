"""/search/: full-text search over the edition's stories, with filters that work without JS."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from dateline.search import selectors
from dateline.search.fields import snippet_texts
from dateline.search.forms import FILTERS, SORT_NEWEST, SearchForm
from dateline.search.snippets import highlight


@dataclass
class Result:
    page: Page
    url: str
    snippet: SafeString
    section: str  # the section's name, or empty
    date: object

    @property
    def kind(self) -> str:
        return "" if hasattr(self.page, "kicker") else str(self.page._meta.verbose_name)


def _filters(data: dict, choices: selectors.Choices) -> selectors.Filters:
    return selectors.Filters(
        section=choices.sections.get(data.get("section") or ""),
        tag=choices.tags.get(data.get("tag") or ""),
        topic=choices.topics.get(data.get("topic") or ""),
        author=choices.authors.get(data.get("author") or ""),
        start=data.get("from"),
        end=data.get("to"),
    )


def _without(request, name: str) -> str:
    params = request.GET.copy()
    params.pop(name, None)
    params.pop("page", None)
    return "?" + urlencode(sorted(params.lists()), doseq=True)


def _active_filters(request, form: SearchForm, choices: selectors.Choices) -> list[dict]:
    """The filters in use, each with the link that drops it."""
    data = form.valid_data()
    names = {
        "section": lambda slug: choices.sections[slug].label,
        "tag": lambda slug: choices.tags[slug].label,
        "topic": lambda slug: choices.topics[slug].label,
        "author": lambda slug: choices.authors[slug].label,
        "from": lambda day: day.isoformat(),
        "to": lambda day: day.isoformat(),
    }
    active = []
    for name in FILTERS:
        if data.get(name):
            active.append(
                {
                    "label": form.fields[name].label,
                    "value": names[name](data[name]),
                    "url": _without(request, name),
                }
            )
    return active


def _results(request, pages: list, home, choices: selectors.Choices, query: str) -> list[Result]:
    sections = {section.path: section.label for section in choices.sections.values()}
    section_path_length = len(home.path) + Page.steplen
    results = []
    for page in selectors.specific_results(pages):
        date = getattr(page, "display_date", None) or page.first_published_at
        results.append(
            Result(
                page=page,
                url=page.get_url(request=request),
                snippet=highlight(snippet_texts(page), query),
                section=sections.get(page.path[:section_path_length], ""),
                date=date,
            )
        )
    return results


@require_safe
def search_page(request):
    language = get_supported_content_language_variant(translation.get_language())
    requested_tag = request.GET.get("tag", "")
    home, choices = selectors.edition(
        language, requested_tag=requested_tag if "\x00" not in requested_tag else ""
    )
    if home is None:
        raise Http404("No edition in this language")
    form = SearchForm(request.GET, choices=choices.as_form_choices())
    form.is_valid()
    data = form.valid_data()
    query = data.get("q", "")
    words = selectors.query_terms(query)
    newest = data.get("sort") == SORT_NEWEST
    results = selectors.search(home, _filters(data, choices), words, newest=newest or not words)
    page_obj = selectors.paginate(request, results)
    context = {
        "page": home,
        "form": form,
        "query": query,
        "search_query": query,
        "words": words,
        "no_words": bool(query) and not words,
        "truncated": getattr(form, "truncated", False),
        "page_obj": page_obj,
        "more": page_obj.paginator.more,
        "max_counted": selectors.MAX_COUNTED,
        "results": _results(request, list(page_obj.object_list), home, choices, query),
        "active_filters": _active_filters(request, form, choices),
        "newest": newest or not words,
    }
    # Every bad parameter gets its message beside its field and a 400; the
    # valid rest still applies, so the reader sees results and what to fix.
    status = 400 if form.errors else 200
    return TemplateResponse(request, "search/search_page.html", context, status=status)
