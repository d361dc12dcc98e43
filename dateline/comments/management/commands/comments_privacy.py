from django.core.management.base import BaseCommand, CommandError

from dateline.comments.services import comments_erase, comments_export


class Command(BaseCommand):
    help = "Export (as JSON) or erase everything stored for a commenter's email address."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--export", metavar="EMAIL", help="Print the address's comments.")
        group.add_argument("--erase", metavar="EMAIL", help="Delete the address's comments.")

    def handle(self, *args, export=None, erase=None, **options):
        email = (export or erase or "").strip()
        if "@" not in email:
            raise CommandError(f"Give an email address, e.g. reader@example.org, not {email!r}.")
        if export:
            self.stdout.write(comments_export(email=email))
            return
        count = comments_erase(email=email)
        self.stdout.write(f"Erased {count} comment(s) stored for {email}.")
