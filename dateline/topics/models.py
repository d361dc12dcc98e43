"""In Focus: the glossary index, topic pages, and the links from stories and the front page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from dateline.core.models import BasePage, TypedChildRouteMixin, edition_path
from dateline.news import selectors as news_selectors
from dateline.search.fields import NormalisedSearchField
from dateline.topics import alphabet, selectors
from dateline.topics.panels import TopicLinksPanel

DESCRIPTION_LENGTH = 500


def validate_name(value: str) -> None:
    """A topic's name or alias needs two letters or digits: shorter ones match everywhere."""
    if sum(character.isalnum() for character in value) < 2:
        raise ValidationError(
            _(
                "Write a name of at least two letters, e.g. 'Tirel Basin' or 'الخليج'. "
                "A single letter would match inside too many stories; remove the row "
                "if you don't need it."
            ),
            code="too_short",
        )


class TopicIndexPage(TypedChildRouteMixin, BasePage):
    """The glossary at /in-focus/: every live topic of the edition, A to Z."""

    parent_page_types = ["news.HomePage"]
    subpage_types = ["topics.TopicPage"]
    max_count_per_parent = 1
    child_page_model = "topics.TopicPage"
    child_select_related = ("image",)
    content_panels = BasePage.content_panels + [FieldPanel("summary")]

    class Meta:
        verbose_name = _("In Focus index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = news_selectors.locale_language(self.locale_id)
        topics = selectors.index_topics(self)
        context["groups"] = alphabet.group(topics, key=lambda topic: topic.title, language=language)
        context["letters"] = alphabet.jump_list(context["groups"], language=language)
        return context


class TopicPage(BasePage):
    """A subject the newsroom keeps explaining: a place, a people, an alliance, an accord."""

    description = models.TextField(
        _("short description"),
        max_length=DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_LENGTH)],
        help_text=_(
            "One or two plain sentences, shown on the In Focus page, on the front page and "
            "when readers point at the topic's name in a story. At most 500 characters."
        ),
    )
    background = RichTextField(
        _("background"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("The longer explainer shown on the topic's page."),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            heading=_("Name"),
            help_text=_("The name readers know, e.g. 'Kestrel Strait'. Stories link to it."),
        ),
        FieldPanel("description"),
        FieldPanel("background"),
        FieldPanel("image"),
        InlinePanel(
            "other_names",
            heading=_("Other names"),
            label=_("Other name"),
            help_text=_("Names a story may use instead, in any language. Stories link these too."),
        ),
        TopicLinksPanel("related_topic_links", heading=_("Related topics"), label=_("Topic")),
    ]
    # Normalised text; the name column also holds the description and other names,
    # so they rank above the background (dateline/search/fields.py).
    search_fields = BasePage.search_fields + [
        NormalisedSearchField("title", also=("description", "alias_names"), boost=3),
        NormalisedSearchField("background"),
    ]
    parent_page_types = ["topics.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.description

    def page_cache_purge_tags(self) -> list[str]:
        # every article of the edition may link this topic's name (glossary.py)
        return [*super().page_cache_purge_tags(), f"glossary:{edition_path(self)}"]

    @property
    def alias_names(self) -> list[str]:
        return [alias.name for alias in self.other_names.all()]

    def clean(self):
        super().clean()
        try:
            validate_name(self.title or "")
        except ValidationError as error:
            raise ValidationError({"title": error}) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = self.get_parent()
        context["aliases"] = [alias.name for alias in self.other_names.all()]
        context["related"] = [
            link.topic
            for link in self.related_topic_links.select_related("topic")
            if link.topic.live and link.topic_id != self.pk
        ]
        stories = selectors.topic_articles(self)
        context["page_obj"] = news_selectors.paginate(request, stories)
        return context


class TopicAlias(Orderable):
    page = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="other_names")
    # blank=True so an empty row reaches clean() and gets the message that says what to do
    name = models.CharField(
        _("other name"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'the Strait', 'Kestrel Passage' or 'مضيق كسترل'."),
    )

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        self.name = (self.name or "").strip()
        try:
            validate_name(self.name)
        except ValidationError as error:
            raise ValidationError({"name": error}) from error


class RelatedTopic(Orderable):
    page = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="related_topic_links")
    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("related topic")
        verbose_name_plural = _("related topics")

    def clean(self):
        super().clean()
        if self.topic_id is not None and self.topic_id == self.page_id:
            raise ValidationError(
                {"topic": _("A topic cannot be related to itself; choose another topic.")}
            )


class ArticleTopic(Orderable):
    """A story filed under a topic; the story's editor chooses them, in order."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="article_topics")
    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")


class HomeTopic(Orderable):
    """A topic in the front page's In Focus block, in the order editors give."""

    page = ParentalKey("news.HomePage", on_delete=models.CASCADE, related_name="focus_topics")
    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="home_links"
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")
