"""RSS 2.0 and Atom writers with Media RSS (``media:content``) and full-text content.

Django's generators write the standard elements; these add two namespaces and two
optional item keys, passed through ``Feed.item_extra_kwargs``:

- ``media``: a dict of ``media:content`` attributes (url, type, width, height, fileSize,
  medium) and an optional ``description`` (the image's alt text);
- ``content``: the story's full HTML (RSS ``content:encoded``, Atom ``<content>``).
"""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def _add_media(handler, item) -> None:
    media = item.get("media")
    if not media:
        return
    attrs = {name: str(value) for name, value in media.items() if name != "description"}
    handler.startElement("media:content", attrs)
    if media.get("description"):
        handler.addQuickElement("media:description", media["description"], {"type": "plain"})
    handler.endElement("media:content")


class MediaRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:media"] = MEDIA_NS
        attrs["xmlns:content"] = CONTENT_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        _add_media(handler, item)


class MediaAtomFeed(Atom1Feed):
    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:media"] = MEDIA_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        _add_media(handler, item)


GENERATORS = {"rss": MediaRssFeed, "atom": MediaAtomFeed}
