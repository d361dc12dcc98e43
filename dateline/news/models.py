"""The newsroom's page tree: home, sections, articles; authors and tags."""

from __future__ import annotations

import math
import re

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageViewRestriction, PreviewableMixin, TranslatableMixin
from wagtail.search import index

from dateline.core import routing
from dateline.core.images import prefetch_renditions_of
from dateline.core.models import BasePage, TypedChildRouteMixin, edition_path, parent_path
from dateline.core.page_cache import page_cache_depends
from dateline.maps.selectors import features_prefetch
from dateline.news import fragments, selectors
from dateline.news.blocks import BodyBlock
from dateline.news.cards import CachedCard
from dateline.search.fields import NormalisedSearchField
from dateline.topics.panels import TopicLinksPanel

WORDS_PER_MINUTE = 220
# Tags, for counting words: a reading time needs no more (Django's strip_tags parses the
# HTML, about 0.3 ms per 1,000 characters: 3 ms of a 1,500-word story's cold render).
TAG = re.compile(r"<[^>]*>")


class Author(TranslatableMixin, PreviewableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=True,
        help_text=_("The last part of the author's page address, e.g. 'lena-maris'."),
    )
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("e.g. 'Security correspondent'.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    def get_preview_template(self, request, mode_name):
        return "news/author_preview.html"


class HomePage(RoutablePageMixin, TypedChildRouteMixin, BasePage):
    """The front page of an edition; also answers /tags/<slug>/ and /authors/<slug>/."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The story at the top of the front page. Leave empty to lead with the newest."),
    )
    stories_per_section = models.PositiveSmallIntegerField(
        _("stories per section"),
        default=4,
        help_text=_("How many of each section's latest stories the front page shows (1-12)."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead_story"),
        FieldPanel("stories_per_section"),
        TopicLinksPanel(
            "focus_topics",
            heading=_("In Focus"),
            label=_("Topic"),
            help_text=_("Topics shown, in this order, in the front page's In Focus block."),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "topics.TopicIndexPage", "multimedia.MultimediaIndexPage"]
    max_count_per_parent = 1
    child_page_model = "news.SectionPage"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Wagtail falls back to the default edition when a language has none
        # (Page.localized); a reader asking for /ar/ must not get English pages
        # marked up as Arabic, so a language without its own edition is a 404.
        language = get_supported_content_language_variant(translation.get_language())
        if language != selectors.locale_language(self.locale_id):
            raise Http404("No edition in this language")
        return super().route(request, path_components)

    @path("")
    def front(self, request):
        lead = self.lead_story if self.lead_story_id else None
        if lead is None or not lead.live:
            lead = selectors.newest_article(self)
        per_section = max(1, min(self.stories_per_section, 12))
        # One more than shown, so a section that holds the lead story still fills its row.
        sections = selectors.sections_with_latest(self, per_section=per_section + 1)
        for section in sections:
            section.latest = [a for a in section.latest if lead is None or a.pk != lead.pk]
            section.latest = section.latest[:per_section]
        return self.render(request, context_overrides={"lead": lead, "sections": sections})

    def page_cache_tags(self) -> list[str]:
        # the front page, tag and author pages show stories from the whole edition
        return [*super().page_cache_tags(), f"edition:{self.path}"]

    def structured_data(self, request) -> list[dict]:
        from dateline.syndication.schema import home_data

        return home_data(self, request)

    @re_path(r"^tags/(?P<slug>[^/]+)/$", name="tag")
    def tag(self, request, slug):
        if len(slug) > Tag._meta.get_field("slug").max_length:
            raise Http404("No such tag")
        tag = get_object_or_404(Tag, slug=slug)
        articles = selectors.articles(self).filter(tagged_items__tag=tag)
        return self.render(
            request,
            template="news/tag_page.html",
            context_overrides={"tag": tag, "page_obj": selectors.paginate(request, articles)},
        )

    @re_path(r"^authors/(?P<slug>[^/]+)/$", name="author")
    def author(self, request, slug):
        author = get_object_or_404(
            Author.objects.select_related("photo"), slug=slug, locale_id=self.locale_id
        )
        articles = selectors.articles(self).filter(article_authors__author=author)
        return self.render(
            request,
            template="news/author_page.html",
            context_overrides={"author": author, "page_obj": selectors.paginate(request, articles)},
        )


class SectionPage(TypedChildRouteMixin, BasePage):
    """A section of the paper (Politics, Economy, ...): its stories, newest first."""

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    child_page_model = "news.ArticlePage"
    child_select_related = ("image",)
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("image")]

    class Meta:
        verbose_name = _("section")

    def child_queryset(self, model):
        # The story's tags, previous and next, read by the query that routes to it; its
        # SQL is built once per section and process (TypedChildRouteMixin.child_by_slug).
        return super().child_queryset(model).annotate(**selectors.story_route_annotations(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = selectors.articles(self)  # a section's stories are its children
        context["page_obj"] = selectors.paginate(request, articles)
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageAuthor(Orderable):
    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticlePage(BasePage):
    kicker = models.CharField(
        _("kicker"),
        max_length=80,
        blank=True,
        help_text=_("A few words above the headline, e.g. 'Analysis' or 'Exclusive'. Optional."),
    )
    date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Shown to readers. Leave empty to use the moment the story is first published."
        ),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=120, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Topics readers can follow, e.g. 'water', 'elections'. Separate with commas."),
    )
    glossary_links = models.BooleanField(
        _("Link topic names to In Focus"),
        default=True,
        help_text=_(
            "Link the first mention of each In Focus topic in the body to its page. "
            "Untick for stories where the links would distract."
        ),
    )

    comments_closed = models.BooleanField(
        _("close comments"),
        default=False,
        help_text=_(
            "Tick to stop new comments on this story; approved comments stay visible. "
            "Comments also close by themselves after the days set in Comment settings."
        ),
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading=_("Headline")),
        FieldPanel("summary"),
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption"), FieldPanel("image_credit")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        InlinePanel("article_authors", label=_("Authors"), min_num=1),
        FieldPanel("tags"),
        TopicLinksPanel(
            "article_topics",
            heading=_("In Focus topics"),
            label=_("Topic"),
            help_text=_("The story is listed on each topic's page."),
        ),
    ]
    promote_panels = BasePage.promote_panels + [
        FieldPanel("glossary_links"),
        FieldPanel("comments_closed"),
    ]
    # Normalised text (Arabic/Persian spelling variants); the headline column also
    # holds the kicker and summary so they rank above the body (dateline/search/fields.py).
    search_fields = BasePage.search_fields + [
        NormalisedSearchField("title", also=("kicker", "summary"), boost=3),
        NormalisedSearchField("body"),
        NormalisedSearchField("tags", snippet=False),
        index.RelatedFields(
            "article_authors",
            [index.RelatedFields("author", [NormalisedSearchField("name", snippet=False)])],
        ),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def display_date(self):
        return self.date or self.first_published_at or timezone.now()

    def get_view_restrictions(self):
        """Wagtail's answer in one query instead of two (it reads the ancestors first):
        restrictions on the story or an ancestor, or on the page one of them is an alias
        of (aliases cannot have restrictions of their own). None at all for a reader of a
        story outside every restricted path (the cached tree, ``core/routing.py``)."""
        tree = routing.current()
        if tree is not None and not tree.may_be_restricted(self.path):
            return PageViewRestriction.objects.none()
        paths = [self.path[: self.steplen * depth] for depth in range(1, self.depth + 1)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()

    def page_cache_tags(self) -> list[str]:
        # In Focus topics link their names in the body (topics/glossary.py)
        return [*super().page_cache_tags(), f"glossary:{edition_path(self)}"]

    def page_cache_purge_tags(self) -> list[str]:
        authors = self.article_authors.values_list("author__slug", flat=True)
        topics = self.article_topics.values_list("topic_id", flat=True)
        return [
            *super().page_cache_purge_tags(),
            *(f"author:{slug}" for slug in authors),
            *(f"page:{topic_id}" for topic_id in topics),
        ]

    def structured_data(self, request) -> list[dict]:
        from dateline.syndication.schema import news_article

        return news_article(self, request)

    @cached_property
    def reading_minutes(self) -> int:
        # The raw block data: converting the body would load every chosen image and page.
        words = 0
        for block in self.body.raw_data:
            kind, value = block.get("type"), block.get("value") or ""
            if kind == "paragraph":
                words += len(TAG.sub("", value).split())
            elif kind == "heading":
                words += len(value.get("text", "").split())
            elif kind == "pull_quote":
                words += len(value.get("quote", "").split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def story_authors(self) -> list[Author]:
        """The byline, loaded once for the template and the structured data."""
        return selectors.story_authors(self)

    @cached_property
    def story_tags(self) -> list[Tag]:
        loaded = selectors.story_tags_loaded(self)  # read by the route, with the story
        return list(self.tags.all()) if loaded is None else loaded

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.story_authors
        context["article_tags"] = self.story_tags
        page_cache_depends(*self.tag_depends())  # related stories
        # Loaded only if their cached fragments are missing (news/fragments.py).
        context["related"] = SimpleLazyObject(
            lambda: selectors.related_cards(
                self, root=selectors.edition_root(self), tags=context["article_tags"]
            )
        )
        neighbours = SimpleLazyObject(lambda: selectors.neighbours(self))
        context["previous"] = SimpleLazyObject(lambda: neighbours[0])
        context["next"] = SimpleLazyObject(lambda: neighbours[1])
        self.cold_parts_prepare(context)
        context["body_depends"] = self.body_depends()
        context["related_depends"] = [f"page:{self.pk}", *self.tag_depends()]
        context["sibling_depends"] = [f"children:{parent_path(self)}"]
        return context

    def cold_parts_prepare(self, context) -> None:
        """When this story's own fragments are not cached, load what they show together.

        The body's chosen images and pages are read by block type (Wagtail's
        ``bulk_to_python``) and its embeds' stored answers together; then the renditions
        of every picture on the page (the lead and its share image, the body's pictures,
        the related stories' cards) in one query instead of one per part, leaving out
        the pictures whose markup is cached (core/images.py). With the fragments cached
        this reads nothing."""
        from dateline.syndication.images import SHARE_SPEC

        if getattr(context.get("request"), "is_preview", False):
            return  # a draft renders every part itself
        missing = fragments.fragments_missing(("body", "related"), self.pk)
        if not missing:
            return  # the lead's renditions: in Wagtail's cache (prefetch_renditions_of)
        wanted = []
        if self.image is not None:
            wanted.append((self.image, ("lead",), [SHARE_SPEC]))
        if "body" in missing:
            embed_urls, maps = [], []
            for block in self.body:  # converts each block type in one go
                if block.block_type == "image" and block.value.get("image") is not None:
                    wanted.append((block.value["image"], ("body",), ()))
                elif block.block_type == "embed" and block.value is not None:
                    embed_urls.append(block.value.url)
                elif block.block_type == "map":
                    maps.append(block.value.get("page"))
            if embed_urls:  # the stored oEmbed answers, one query (news_tags.body_embed)
                context["body_embeds"] = selectors.stored_embeds(embed_urls)
            features_prefetch(maps)  # every map's features and factions, one query
        if "related" in missing:
            related = selectors.related_cards(
                self,
                root=selectors.edition_root(self),
                tags=context["article_tags"],
                renditions=False,
            )
            context["related"] = related
            wanted.extend(
                (story.image, selectors.CARD_PRESETS, ())
                for story in related
                if not isinstance(story, CachedCard) and story.image
            )
        prefetch_renditions_of(wanted)

    def tag_depends(self) -> list[str]:
        return [f"tag:{tag.slug}" for tag in self.story_tags]

    def body_depends(self) -> list[str]:
        """What the body fragment shows: the story, the glossary's topics, and the pages
        its blocks point to (a related story, a map), from the raw data (no query)."""
        pages = {
            block["value"].get("page")
            for block in self.body.raw_data
            if block.get("type") in ("related_article", "map") and isinstance(block["value"], dict)
        }
        return [
            f"page:{self.pk}",
            f"glossary:{edition_path(self)}",
            *(f"page:{pk}" for pk in sorted(pages, key=str) if pk),
        ]
