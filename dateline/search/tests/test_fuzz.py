"""Any query string, filter value or page number gets a normal page, never a 500."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)

pytestmark = pytest.mark.django_db

# Text a browser can send (lone surrogates cannot be encoded in a URL), biased
# towards full-text operators and Arabic/Persian letters and marks.
OPERATORS = list("\"*-()^:+~&|'\\;%_{}[]") + ["AND", "OR", "NOT", "NEAR", "NEAR/2", " "]
query_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.lists(
        st.one_of(
            st.sampled_from(OPERATORS),
            st.text("كکيیىأإآٱـًٌٍَُِّْ\u200c٠١۲abc", min_size=1, max_size=8),
        ),
        max_size=30,
    ).map("".join),
)
PARAMS = ("q", "section", "tag", "topic", "author", "from", "to", "sort", "page")


@pytest.fixture(scope="module")
def story(module_transaction):
    section = SectionPageFactory(parent=home_page(), title="Politics", slug="politics")
    return ArticlePageFactory(
        parent=section,
        title="Harbour كتاب reopens",
        body=[paragraph("The harbour (and the کتاب) reopened * NEAR the strait.")],
    )


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=query_text, name=st.sampled_from(PARAMS))
@example(query='"harbour', name="q")
@example(query="harbour) AND (", name="q")
@example(query="x" * 10_000, name="q")
@example(query="2024-13-45", name="from")
@example(query="99999999999999999999", name="page")
def test_any_parameter_value_gets_a_page(client, story, query, name):
    params = {"q": "harbour", name: query}
    response = client.get("/search/?" + urlencode(params))

    assert response.status_code in (200, 400), response.status_code


def test_undecodable_bytes_in_the_query_string_get_a_page(client, story):
    assert client.get("/search/?q=%ff%fe%00harbour&tag=%c3").status_code in (200, 400)
