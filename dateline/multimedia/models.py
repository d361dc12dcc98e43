"""Galleries and videos: stories told in pictures or moving pictures, under /multimedia/."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from dateline.core.models import BasePage
from dateline.multimedia import selectors, video
from dateline.multimedia.fields import SecondsField
from dateline.news import selectors as news_selectors
from dateline.search.fields import NormalisedSearchField
from dateline.topics.panels import TopicLinksPanel


class MultimediaIndexPage(BasePage):
    """/multimedia/: the edition's galleries and videos together, newest first."""

    parent_page_types = ["news.HomePage"]
    # maps live here too (dateline/maps); Wagtail skips a type whose app is not installed
    subpage_types = ["multimedia.GalleryPage", "multimedia.VideoPage", "maps.MapPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("summary")]

    class Meta:
        verbose_name = _("multimedia index")

    def serve(self, request, *args, **kwargs):
        kind = request.GET.get("kind", "")
        if kind and kind not in selectors.KINDS:
            # a clear page with the working filter links, not an error page
            context = self.get_context(request, *args, **kwargs)
            context.update(bad_kind=kind, kind="", page_obj=None)
            return TemplateResponse(request, self.get_template(request), context, status=400)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        context["kind"] = kind if kind in selectors.KINDS else ""
        context["kinds"] = selectors.kind_filters()
        stories = selectors.stories(self, kind=context["kind"] or None)
        context["page_obj"] = news_selectors.paginate(request, stories)
        return context


class MultimediaPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "multimedia.MultimediaPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MultimediaPage(BasePage):
    """What galleries and videos share; editors create one of the two kinds."""

    date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Shown to readers. Leave empty to use the moment the story is first published."
        ),
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Its name is shown above the headline, e.g. 'Economy'."),
    )
    tags = ClusterTaggableManager(
        through=MultimediaPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Topics readers can follow, e.g. 'water', 'elections'. Separate with commas."),
    )
    comments_closed = models.BooleanField(
        _("close comments"),
        default=False,
        help_text=_(
            "Tick to stop new comments on this story; approved comments stay visible. "
            "Comments also close by themselves after the days set in Comment settings."
        ),
    )

    kind = ""  # "gallery" or "video"; listings annotate it for each row
    # what listings and Editor's Choice load with each story (the kicker is the section's name)
    listing_select_related = ("image", "section")

    promote_panels = BasePage.promote_panels + [FieldPanel("comments_closed")]
    search_fields = BasePage.search_fields + [
        NormalisedSearchField("title", also=("kicker", "summary"), boost=3),
        NormalisedSearchField("tags", snippet=False),
        index.FilterField("date"),
    ]
    parent_page_types = ["multimedia.MultimediaIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("multimedia story")
        verbose_name_plural = _("multimedia stories")

    @property
    def display_date(self):
        return self.date or self.first_published_at or timezone.now()

    def page_cache_purge_tags(self) -> list[str]:
        topics = self.multimedia_topics.values_list("topic_id", flat=True)
        return [*super().page_cache_purge_tags(), *(f"page:{topic_id}" for topic_id in topics)]

    @property
    def kicker(self) -> str:
        """The section's name (loaded with ``listing_select_related``), else none."""
        return self.section.title if self.section_id and self.section else ""

    @staticmethod
    def story_panels(*media_panels) -> list:
        return [
            TitleFieldPanel("title", heading=_("Headline")),
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("section")]),
            *media_panels,
            FieldPanel("tags"),
            TopicLinksPanel(
                "multimedia_topics",
                heading=_("In Focus topics"),
                label=_("Topic"),
                help_text=_("The story is listed on each topic's page."),
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["story_tags"] = list(self.tags.all())
        return context


class MultimediaTopic(Orderable):
    """A gallery or video filed under an In Focus topic, in the editor's order."""

    page = ParentalKey(MultimediaPage, on_delete=models.CASCADE, related_name="multimedia_topics")
    topic = models.ForeignKey(
        "topics.TopicPage",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="multimedia_links",
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")


class GalleryPage(MultimediaPage):
    """Photos in the editor's order, each with its caption and credit."""

    kind = "gallery"
    content_panels = MultimediaPage.story_panels(
        FieldPanel(
            "image",
            heading=_("Cover picture"),
            help_text=_("Shown on cards and link previews. Leave empty to use the first photo."),
        ),
        MultipleChooserPanel(
            "photos",
            chooser_field_name="image",
            heading=_("Photos"),
            label=_("Photo"),
            min_num=1,
            help_text=_(
                "Choose or upload several pictures at once with 'Add photos', "
                "then drag them into order and write each caption."
            ),
        ),
    )

    search_fields = MultimediaPage.search_fields + [
        index.RelatedFields("photos", [NormalisedSearchField("caption", snippet=False)]),
    ]

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")

    def clean(self):
        super().clean()
        if self.image_id is None:
            # no cover chosen: cards and link previews use the first photo
            photos = sorted(self.photos.all(), key=lambda photo: photo.sort_order or 0)
            if photos and photos[0].image_id:
                self.image_id = photos[0].image_id

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = self.photos_in_order
        return context

    @cached_property
    def photos_in_order(self) -> list:
        return selectors.gallery_photos(self)

    def structured_data(self, request) -> list[dict]:
        from dateline.syndication.schema import image_gallery

        return image_gallery(self, self.photos_in_order, request)


class GalleryPhoto(Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Give it alt text in the image library: readers who cannot see it hear it."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=400,
        blank=True,
        help_text=_("What the photo shows, where and when. At most 400 characters."),
    )
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("e.g. 'Photo: Lena Maris'.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class VideoPage(MultimediaPage):
    """A video: an uploaded file played here, or a YouTube/Vimeo video loaded on request."""

    kind = "video"
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file from the documents library. Or fill in a video address."),
    )
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_(
            "A YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=abcdefghijk. "
            "Nothing loads from that site until the reader clicks play. Or choose a file."
        ),
    )
    captions_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A WebVTT (.vtt) file with the captions of the uploaded video."),
    )
    captions_language = models.CharField(
        _("captions language"),
        max_length=12,
        default="en",
        help_text=_("The language code of the captions, e.g. 'en', 'ar', 'fa'."),
    )
    captions_label = models.CharField(
        _("captions label"),
        max_length=40,
        default="English",
        help_text=_("The name readers see in the player's captions menu, e.g. 'English'."),
    )
    duration = SecondsField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("How long the video runs, as minutes:seconds (e.g. 4:05) or seconds."),
    )

    content_panels = MultimediaPage.story_panels(
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_url"),
                FieldPanel("duration"),
                FieldPanel(
                    "image",
                    heading=_("Poster picture"),
                    help_text=_("Shown before the video plays, and on cards."),
                ),
            ],
            heading=_("Video"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("captions_file"),
                FieldRowPanel([FieldPanel("captions_language"), FieldPanel("captions_label")]),
            ],
            heading=_("Captions (uploaded video only)"),
        ),
    )

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    @property
    def external(self) -> video.ExternalVideo | None:
        if not self.video_url:
            return None
        try:
            return video.parse_video_url(self.video_url)
        except ValidationError:
            return None

    @property
    def file_type(self) -> str:
        if self.video_file_id is None:
            return ""
        return video.CONTENT_TYPES.get(video.file_kind(self.video_file.file.name), "")

    def structured_data(self, request) -> list[dict]:
        from dateline.syndication.schema import video_object

        return video_object(self, request)

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if bool(self.video_file_id) == bool(self.video_url):
            if self.video_url:
                message = _("Give a video file or a video address, not both: empty one of them.")
            else:
                message = _("Give a video file or a video address: both are empty.")
            errors.setdefault("video_file", []).append(message)
            errors.setdefault("video_url", []).append(message)
        if self.video_url:
            try:
                video.parse_video_url(self.video_url)
            except ValidationError as error:
                errors.setdefault("video_url", []).append(error)
        if self.video_file_id:
            try:
                video.check_file(self.video_file, kinds=("mp4", "webm"), label=_("The video"))
            except ValidationError as error:
                errors.setdefault("video_file", []).append(error)
        if self.captions_file_id:
            if self.video_url:
                errors.setdefault("captions_file", []).append(
                    _("Captions go with an uploaded video; YouTube and Vimeo keep their own.")
                )
            else:
                try:
                    video.check_file(self.captions_file, kinds=("vtt",), label=_("Captions"))
                except ValidationError as error:
                    errors.setdefault("captions_file", []).append(error)
        if errors:
            raise ValidationError(errors)
