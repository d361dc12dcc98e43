"""Editor's Choice: an ordered list of picked stories, site-wide or for one section."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, Page, TranslatableMixin

# The page types editors may pick (a type whose app is not installed is skipped); the
# chooser, validation and the reader-side query all read it.
PICKABLE_PAGE_TYPES = [
    "news.ArticlePage",
    "multimedia.GalleryPage",
    "multimedia.VideoPage",
    "maps.MapPage",
]


class PickList(TranslatableMixin, ClusterableModel):
    """The picks of one edition (locale): the site-wide list, or one section's own list."""

    section = models.OneToOneField(
        "news.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        error_messages={
            "unique": _("This section already has its own list. Edit that list instead.")
        },
        help_text=_(
            "Leave empty for the edition's site-wide list (front page, and every section "
            "without its own list). Choose a section to give it, and its stories, a list "
            "of their own."
        ),
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Editor's Choice list")
        verbose_name_plural = _("Editor's Choice lists")
        constraints = [
            models.UniqueConstraint(
                fields=["locale"],
                condition=Q(section__isnull=True),
                name="curation_one_sitewide_list_per_locale",
            )
        ]

    def __str__(self) -> str:
        if self.section_id is None:
            return str(_("Site-wide"))
        return self.section.title

    def clean(self) -> None:
        super().clean()
        # The form leaves ``locale`` out (Wagtail sets it from the edition being edited),
        # so Django's constraint check skips it; check it here for a clear message.
        if self.section_id is None and self.locale_id is not None:
            others = PickList.objects.filter(locale_id=self.locale_id, section__isnull=True)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {
                        "section": _(
                            "This edition already has a site-wide list. Edit that list, "
                            "or choose a section for this one."
                        )
                    }
                )
        if self.section_id is not None and self.locale_id is not None:
            if self.section.locale_id != self.locale_id:
                raise ValidationError(
                    {"section": _("Choose a section of this list's edition (language).")}
                )

    def copy_for_translation(self, locale, exclude_fields=None):
        """This list for another edition, pointing at that edition's section and stories.

        Picks whose story is not translated there are left out. When that edition
        already has a list for the same place, that list becomes this one's
        translation, instead of a second list that the constraints would refuse.
        """
        section = self.section.get_translation_or_none(locale) if self.section_id else None
        existing = PickList.objects.filter(locale=locale, section=section).first()
        if existing is not None:
            existing.translation_key = self.translation_key
            return existing
        copy = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        copy.section = section
        picks = list(copy.picks.all())
        keys = dict(
            Page.objects.filter(pk__in=[p.page_id for p in picks]).values_list(
                "pk", "translation_key"
            )
        )
        translated = dict(
            Page.objects.filter(translation_key__in=keys.values(), locale=locale).values_list(
                "translation_key", "pk"
            )
        )
        kept = []
        for pick in picks:
            pick.page_id = translated.get(keys.get(pick.page_id))
            if pick.page_id is not None:
                kept.append(pick)
        copy.picks = kept
        return copy


class Pick(Orderable):
    """One story in a list, with optional overrides and an optional expiry."""

    pick_list = ParentalKey(PickList, on_delete=models.CASCADE, related_name="picks")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "A published article, gallery, video or map. A story that is unpublished or deleted "
            "later leaves the list by itself."
        ),
    )
    headline = models.CharField(
        _("headline"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the story's own headline. Leave empty to use that."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown instead of the story's own image. Leave empty to use that."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_(
            "From this moment the pick no longer shows, without anyone having to remove "
            "it. Leave empty to keep it until you remove it."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("pick")
        verbose_name_plural = _("picks")
        constraints = [
            models.UniqueConstraint(fields=["pick_list", "page"], name="curation_pick_once")
        ]

    def __str__(self) -> str:
        return self.headline or str(self.page_id)

    def clean(self) -> None:
        super().clean()
        if self.page_id is not None and not is_pickable(self.page):
            kinds = ", ".join(str(model._meta.verbose_name_plural) for model in pickable_models())
            message = _("Only %(kinds)s can be picked. Choose one of those instead.")
            raise ValidationError({"page": message % {"kinds": kinds}})


def pickable_models() -> list[type[Page]]:
    found = []
    for label in PICKABLE_PAGE_TYPES:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue  # that story type's app is not installed
    return found


def is_pickable(page: Page) -> bool:
    return issubclass(page.specific_class or type(page), tuple(pickable_models()))
