"""Import printed pages' text as an issue's pages and articles.

    python manage.py import_issue A01.txt A02.txt --date 2024-03-12 [--publish]
    python manage.py import_issue page.txt --date 2024-03-12 --page 2 --dry-run --format json
    python manage.py import_issue pages/*.txt      # with pages/A01.pdf, pages/A01.jpg ... beside them

Reads each file (UTF-8 or GB18030, detected), parses it into articles, and writes the issue,
pages, articles, bylines, authors, columns and photo captions in one transaction: every file or
none. A second import of the same text changes nothing; a corrected page updates its stories,
recognised by what they say, except what editors changed in the admin, which is kept and
reported. --dry-run writes nothing and prints the parsed structure.

With several files, --page numbers them from N in the order given, where the text has no page
number of its own.

A page's PDF and/or image (A01.pdf, A01.jpg beside A01.txt, or given with it) become the page's
e-paper images, and the articles' areas on it are found from the PDF's text layer.
"""

import itertools
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ...importing import ImportFailed, ImportOptions, Source, dry_run, run_import
from ...parsing import page_to_dict, pages_to_text


class Command(BaseCommand):
    help = "Import page-text files into an issue (see the module docstring)."
    # The system checks (URLs, admin, templates) would run before every import, a night's pages
    # included; `make test`, migrate and `manage.py check` run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--date", help="issue date, YYYY-MM-DD, where the text has none")
        parser.add_argument("--page", help="page number (版次) where the text has none")
        parser.add_argument("--page-name", default="", help="page name (版名) where the text has none")
        parser.add_argument("--encoding", help="force an encoding instead of detecting it")
        parser.add_argument("--publish", action="store_true", help="publish and release the issue")
        parser.add_argument(
            "--skip-review",
            action="store_true",
            help="with --publish: publish without the review chain's sign-offs (pages reviewed in print)",
        )
        parser.add_argument(
            "--allow-far-date",
            action="store_true",
            help="accept an issue date more than a week ahead or before 1900",
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and print; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, files, **options):
        try:
            import_options = ImportOptions(
                date=ImportOptions.parse_date(options["date"]) if options["date"] else None,
                page=ImportOptions.parse_page(options["page"]) if options["page"] else None,
                page_name=options["page_name"],
                encoding=ImportOptions.parse_encoding(options["encoding"]) if options["encoding"] else None,
                publish=options["publish"],
                skip_review=options["skip_review"],
                allow_far_date=options["allow_far_date"],
            )
            sources = Source.from_paths(files)
            if options["dry_run"]:
                self.show_structure(dry_run(sources, import_options), options["format"])
            else:
                self.import_pages(sources, import_options, options["format"])
        except ImportFailed as error:
            raise CommandError(str(error)) from None

    def show_structure(self, pages, output_format):
        if output_format == "json":
            document = {"pages": [page_to_dict(page) for page in pages]}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(pages_to_text(pages))

    def import_pages(self, sources, import_options, output_format):
        bar = None
        if sys.stderr.isatty() and len(sources) > 1:
            bar = tqdm(total=len(sources), unit="page", file=sys.stderr)
        done = itertools.count(1)

        def progress(result):
            if bar is not None:
                bar.update(1)
            elif len(sources) > 1:
                self.stderr.write(
                    f"[{next(done)}/{len(sources)}] {result.source}: "
                    f"{result.date} 第{result.number}版, {result.articles} articles"
                )

        try:
            report = run_import(sources, import_options, progress=progress)
        finally:
            if bar is not None:
                bar.close()
        if output_format == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        for attached in report.attached:
            self.stdout.write(
                f"{attached.page}: {'files unchanged' if attached.unchanged else f'{attached.areas} areas'}"
            )
            for message in attached.warnings:
                self.stdout.write(self.style.WARNING(f"warning: {attached.page}: {message}"))
        for source, line, message in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {source} line {line}: {message}"))
        for headline, reason in report.skipped:
            self.stdout.write(self.style.WARNING(f"kept: “{headline}”: {reason}"))
        self.stdout.write(self.style.SUCCESS(report.summary()))
