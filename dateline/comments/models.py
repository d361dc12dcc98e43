"""Reader comments, the moderators' blocklist and the comment settings of a site."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

NAME_MAX = 80
TEXT_MAX = 3000
# The story types readers may comment on: each has ``comments_closed`` and ``date``.
COMMENTABLE_PAGE_TYPES = ["news.ArticlePage", "multimedia.MultimediaPage"]


def commentable_models() -> list:
    models_found = []
    for label in COMMENTABLE_PAGE_TYPES:
        try:
            models_found.append(apps.get_model(label))
        except LookupError:
            continue  # that story type's app is not installed
    return models_found


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    # Any story type that takes comments (see COMMENTABLE_PAGE_TYPES); a page's id is
    # also its specific row's id, so the column keeps its values.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    # Kept only for moderation and the privacy command; never shown to readers.
    email = models.EmailField(_("email"), db_index=True)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    spam_score = models.PositiveSmallIntegerField(_("spam score"), default=0)
    spam_reasons = models.CharField(_("spam reasons"), max_length=255, blank=True)
    is_staff = models.BooleanField(_("from the newsroom"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [models.Index(fields=["page", "status"], name="comments_page_status")]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"


class BlockedTerm(models.Model):
    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        DOMAIN = "domain", _("Web domain")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORD)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_(
            "A word or phrase (matched ignoring case), or a domain such as 'spam.example' "
            "(its subdomains match too). Comments containing it are held as likely spam."
        ),
    )

    panels = [FieldPanel("kind"), FieldPanel("value")]

    class Meta:
        verbose_name = _("blocked word or domain")
        verbose_name_plural = _("blocked words and domains")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="comments_blocked_once")
        ]

    def __str__(self) -> str:
        return self.value


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    trusted_after = models.PositiveSmallIntegerField(
        _("publish at once after"),
        default=0,
        help_text=_(
            "0 holds every comment for moderation. A number N publishes at once the comments "
            "of readers whose email address already has N approved comments."
        ),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_(
            "Comments close this many days after publication, e.g. 14. "
            "0 keeps them open until an editor closes them on the story."
        ),
    )
    notify_moderators = models.BooleanField(
        _("email moderators"),
        default=False,
        help_text=_("Send the Moderators group an email when a comment awaits moderation."),
    )

    panels = [
        FieldPanel("trusted_after"),
        FieldPanel("close_after_days"),
        FieldPanel("notify_moderators"),
    ]

    class Meta:
        verbose_name = _("comment settings")
