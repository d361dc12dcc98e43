from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.news import navigation, services


def fill_date_on_publish(sender, instance, **kwargs):
    services.article_fill_date(page_id=instance.pk)


def refresh_menu(sender, **kwargs):
    navigation.menu_invalidate()


def connect() -> None:
    from dateline.news.models import ArticlePage, HomePage, SectionPage

    page_published.connect(fill_date_on_publish, sender=ArticlePage, dispatch_uid="news-fill-date")
    for model in (HomePage, SectionPage):
        uid = f"news-menu-{model.__name__}"
        page_published.connect(refresh_menu, sender=model, dispatch_uid=f"{uid}-published")
        page_unpublished.connect(refresh_menu, sender=model, dispatch_uid=f"{uid}-unpublished")
        post_delete.connect(refresh_menu, sender=model, dispatch_uid=f"{uid}-deleted")
    # a move changes section URLs; post_page_move is sent with the base Page class
    post_page_move.connect(refresh_menu, dispatch_uid="news-menu-moved")
