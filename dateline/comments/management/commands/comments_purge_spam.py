from django.core.management.base import BaseCommand

from dateline.comments.services import comments_purge_spam


class Command(BaseCommand):
    help = "Delete comments marked as spam more than 30 days ago (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        count = comments_purge_spam()
        self.stdout.write(f"Purged {count} spam comment(s).")
