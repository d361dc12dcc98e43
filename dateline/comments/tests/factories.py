from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from dateline.comments.models import Comment


class CommentFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    text = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")
    status = Comment.Status.APPROVED

    class Meta:
        model = Comment
