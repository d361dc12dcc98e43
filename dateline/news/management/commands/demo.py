from django.core.management.base import BaseCommand, CommandError

from dateline.core.services import database_analyze
from dateline.news.demo import demo_create, demo_exists, demo_scale
from dateline.news.demo.newsroom import DEMO_EDITOR


class Command(BaseCommand):
    help = (
        "Create the demo newsroom (invented sections, authors and stories) on an empty site; "
        "with --scale N, add N more articles in bulk for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Add N extra articles in bulk (creates the demo first if needed).",
        )
        parser.add_argument("--seed", type=int, default=2024, help="Seed for the invented content.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the site already has content.",
        )

    def handle(self, *args, scale, seed, if_empty, **options):
        if scale < 0:
            raise CommandError("--scale must be a positive number of articles.")
        if demo_exists():
            if not scale:
                message = "The site already has content; the demo newsroom was not added."
                if if_empty:
                    self.stdout.write(message)
                    return
                raise CommandError(message + " Use an empty database, or --scale N to add stories.")
        else:
            made = demo_create(seed=seed, editions=True)
            self.stdout.write(
                self.style.SUCCESS(
                    "Demo newsroom created: {sections} sections, {articles} articles, "
                    "{authors} authors, {images} images.".format(**made)
                )
            )
            self.stdout.write(f"Demo editor login: {DEMO_EDITOR[0]} / {DEMO_EDITOR[1]}")
        if scale:

            def progress(done):
                self.stdout.write(f"  {done:,} / {scale:,} articles", ending="\r")
                self.stdout.flush()

            demo_scale(scale, seed=seed, progress=progress)
            database_analyze()  # the planner needs statistics for the new rows
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Added {scale:,} articles in bulk."))
