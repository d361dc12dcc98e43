from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.topics import fragments


def topics_changed(sender, **kwargs):
    fragments.glossary_invalidate()
    fragments.home_block_invalidate()


def home_changed(sender, **kwargs):
    fragments.home_block_invalidate()


def connect() -> None:
    from dateline.news.models import HomePage
    from dateline.topics.models import TopicIndexPage, TopicPage

    receivers = [(TopicPage, topics_changed), (TopicIndexPage, topics_changed)]
    receivers.append((HomePage, home_changed))
    for model, receiver in receivers:
        uid = f"topics-{model.__name__}"
        page_published.connect(receiver, sender=model, dispatch_uid=f"{uid}-published")
        page_unpublished.connect(receiver, sender=model, dispatch_uid=f"{uid}-unpublished")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-deleted")
        # Wagtail sends post_page_move with the moved page's specific class
        post_page_move.connect(receiver, sender=model, dispatch_uid=f"{uid}-moved")
