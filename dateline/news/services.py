"""State changes of the news app that run outside an editor's form."""

from __future__ import annotations

from django.apps import apps


def article_fill_date(*, page_id: int) -> None:
    """Give a published article without a date the moment it was first published."""
    article_model = apps.get_model("news", "ArticlePage")
    first_published_at = (
        article_model.objects.filter(pk=page_id, date__isnull=True)
        .values_list("first_published_at", flat=True)
        .first()
    )
    if first_published_at is not None:
        article_model.objects.filter(pk=page_id).update(date=first_published_at)


def byline_translate(page) -> int:
    """Credit a story copied into another edition to its authors' entries in that edition.

    Wagtail's copy for translation keeps the byline's authors as they were, in the source
    edition, so a translated story would link to author pages its edition does not have
    (each edition lists its own authors at ``/authors/<slug>/``). Each author is replaced
    by their translation in the story's locale, made when missing as a copy for the
    desk to translate (Snippets → Authors). The latest revision, which the editor edits
    and publishes from, is corrected with the page's rows. Returns how many credits
    changed."""
    from dateline.news.models import ArticlePageAuthor

    links = list(
        ArticlePageAuthor.objects.filter(page=page)
        .exclude(author__locale_id=page.locale_id)
        .select_related("author")
    )
    if not links:
        return 0
    moved = {link.author_id: author_in_locale(link.author, page.locale).pk for link in links}
    for old, new in moved.items():
        ArticlePageAuthor.objects.filter(page=page, author_id=old).update(author_id=new)
    revision = page.latest_revision
    if revision is not None:
        for credit in revision.content.get("article_authors", []):
            credit["author"] = moved.get(credit.get("author"), credit.get("author"))
        revision.save(update_fields=["content"])
    return len(links)


def author_in_locale(author, locale):
    """``author``'s entry in ``locale``: their translation, or a new copy of it (same name,
    role, photo and biography; the slug too, unless that edition already uses it)."""
    model = type(author)
    translation = model.objects.filter(
        translation_key=author.translation_key, locale=locale
    ).first()
    if translation is not None:
        return translation
    copy = author.copy_for_translation(locale)
    taken = set(
        model.objects.filter(locale=locale, slug__startswith=author.slug).values_list(
            "slug", flat=True
        )
    )
    slug, n = author.slug, 1
    while slug in taken:
        n += 1
        slug = f"{author.slug}-{n}"
    copy.slug = slug
    copy.save()
    return copy
