from wagtail.signals import page_published

from dateline.news import services


def fill_date_on_publish(sender, instance, **kwargs):
    services.article_fill_date(page_id=instance.pk)


def connect() -> None:
    from dateline.news.models import ArticlePage

    page_published.connect(fill_date_on_publish, sender=ArticlePage, dispatch_uid="news-fill-date")
