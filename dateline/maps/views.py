"""The admin's "Import GeoJSON" page: one layer of a map, uploaded as a new draft."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from dateline.maps import geojson, services
from dateline.maps.forms import ImportForm
from dateline.maps.models import MapPage


def import_layer(request, page_id: int):
    page = get_object_or_404(MapPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _revision, text = services.map_import_layer(
                    page=page,
                    kind=form.cleaned_data["layer"],
                    raw=form.cleaned_data["file"].read(),
                    user=request.user,
                    entry_date=form.cleaned_data["entry_date"],
                    entry_text=form.cleaned_data["entry_text"],
                )
            except geojson.GeoJSONError as error:
                errors = error.errors
            else:
                message = _("The layer is in a new draft. Preview it, then publish when ready.")
                if text:
                    message += " " + _("Changelog entry added: “%(text)s”") % {"text": text}
                messages.success(request, message)
                return redirect("wagtailadmin_pages:edit", page.pk)
        status = 400
    context = {
        "page": page,
        "form": form,
        "errors": errors,
        "header_title": _("Import GeoJSON into “%(title)s”") % {"title": page.title},
    }
    return TemplateResponse(request, "maps/admin/import.html", context, status=status)
