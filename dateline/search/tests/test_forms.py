"""The search form's widgets write the HTML Django's own would, without its templates."""

from __future__ import annotations

import re

import pytest
from django import forms

from dateline.search.forms import DayInput, FilterSelect, SearchForm


def django_html(widget, name, value, attrs) -> str:
    return re.sub(r">\s+<", "><", widget.render(name, value, attrs)).strip()


@pytest.mark.parametrize("value", [None, "", "b", "missing"])
def test_filter_select_matches_djangos_select(value):
    choices = [("", "Any section"), ("a", "Arts & <culture>"), ("b", "Business")]
    attrs = {"id": "id_section", "aria-describedby": "id_section_error", "aria-invalid": True}

    ours = FilterSelect(choices=choices).render("section", value, attrs)

    assert ours == django_html(forms.Select(choices=choices), "section", value, attrs)


@pytest.mark.parametrize("value", [None, "2024-07-22", "2024-13-40<"])
def test_day_input_matches_djangos_date_input(value):
    attrs = {"id": "id_from", "aria-describedby": "id_from_helptext"}

    ours = DayInput().render("from", value, attrs)

    theirs = forms.DateInput(attrs={"type": "date"}).render("from", value, attrs)
    assert ours == theirs


def test_an_invalid_field_points_to_its_message():
    form = SearchForm({"from": "someday"}, choices={})
    form.is_valid()

    html = str(form["from"])

    assert 'aria-invalid="true"' in html
    assert "id_from_error" in html
