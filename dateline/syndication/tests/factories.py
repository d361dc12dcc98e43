"""A small newsroom for the syndication tests: sections, a topic, authors, tagged stories."""

from __future__ import annotations

from types import SimpleNamespace

from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)
from dateline.topics.models import ArticleTopic
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory


def newsroom(stories: int = 3) -> SimpleNamespace:
    """Politics with ``stories`` stories (with lead images), one topic, two authors."""
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    economy = SectionPageFactory(parent=home, title="Economy", slug="economy")
    index = TopicIndexPageFactory(parent=home)
    topic = TopicPageFactory(parent=index, title="Kestrel Strait", slug="kestrel-strait")
    lena = AuthorFactory(name="Lena Maris", slug="lena-maris")
    tomas = AuthorFactory(name="Tomas Eberlin", slug="tomas-eberlin")
    image = ImageFactory(title="Harbour", description="The harbour at dusk")
    made = []
    for n in range(stories):
        story = ArticlePageFactory(
            parent=politics,
            title=f"Harbour talks, day {n}",
            slug=f"harbour-talks-{n}",
            image=image,
            tags=["Water", "Trade"],
            authors=[lena] if n else [lena, tomas],
        )
        story.article_topics = [ArticleTopic(topic=topic, sort_order=0)]
        story.save()
        made.append(story)
    other = ArticlePageFactory(
        parent=economy, title="Grain prices fall", slug="grain-prices", authors=[tomas]
    )
    return SimpleNamespace(
        home=home,
        politics=politics,
        economy=economy,
        index=index,
        topic=topic,
        lena=lena,
        tomas=tomas,
        image=image,
        stories=made,
        other=other,
        base_date=BASE_DATE,
    )
