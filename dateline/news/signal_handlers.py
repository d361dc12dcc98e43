from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)

from dateline.news import navigation, services


def fill_date_on_publish(sender, instance, **kwargs):
    services.article_fill_date(page_id=instance.pk)


def bylines_follow_translation(sender, source_obj, target_obj, **kwargs):
    from dateline.news.models import ArticlePage

    if isinstance(target_obj, ArticlePage) and target_obj.alias_of_id is None:
        services.byline_translate(target_obj)


def refresh_menu(sender, instance=None, **kwargs):
    if instance is None or navigation.menu_changed_by(instance):
        navigation.menu_invalidate()


def connect() -> None:
    from dateline.news.models import ArticlePage

    page_published.connect(fill_date_on_publish, sender=ArticlePage, dispatch_uid="news-fill-date")
    # a story copied into another edition (Translate, or a whole section with its stories)
    copy_for_translation_done.connect(bylines_follow_translation, dispatch_uid="news-bylines")
    # any page type may sit in the menu (sections, In Focus, ...): the receiver checks depth
    page_published.connect(refresh_menu, dispatch_uid="news-menu-published")
    page_unpublished.connect(refresh_menu, dispatch_uid="news-menu-unpublished")
    post_delete.connect(refresh_menu, sender=Page, dispatch_uid="news-menu-deleted")
    # a move changes URLs and tree order; post_page_move is sent with the base Page class
    post_page_move.connect(refresh_menu, dispatch_uid="news-menu-moved")
