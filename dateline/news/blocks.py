"""The article body: one StreamBlock shared by every story type, each block with its template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=500)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "blocks/pull_quote_block.html"


class RelatedArticleBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("story"), page_type="news.ArticlePage")
    label = blocks.CharBlock(
        label=_("label"), required=False, max_length=40, help_text=_("e.g. 'Read also'")
    )

    class Meta:
        icon = "link"
        label = _("Related story")
        template = "blocks/related_article_block.html"


class MapBlock(blocks.StructBlock):
    """A map story (dateline/maps) shown in the body: its picture for a day, and a link."""

    page = blocks.PageChooserBlock(label=_("map"), page_type="maps.MapPage")
    date = blocks.DateBlock(
        label=_("date"),
        required=False,
        help_text=_("The day to show. Leave empty for the map's latest day."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "site"
        label = _("Map")
        template = "blocks/map_block.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
        # no template: the rich text itself, through wagtailcore/shared/richtext.html and its
        # script-link filter (core/richtext.py), as {{ value|richtext }} gave it, without a
        # second template and a copy of the page's context for each paragraph
    )
    heading = HeadingBlock()
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a YouTube or Vimeo video."),
        template="blocks/embed_block.html",
    )
    related_article = RelatedArticleBlock()
    map = MapBlock()
