"""Files in, report out: read, parse, stitch the jumps of one issue, load; all in one transaction.

Pages are parsed and written one issue (date) at a time, so memory holds one issue, not the
whole run, however many files are given.
"""

from itertools import groupby

from django.db import connection, transaction

from ..parsing import ParseError, parse_page, stitch_continuations
from .loader import IssueLoader
from .options import ImportFailed

# Articles written in one run past which the planner statistics are refreshed.
ANALYZE_AFTER = 200


def parse_source(source, options, index, require_date):
    """Parse one file and fill from the options what its text lacks."""
    data = source.read()
    try:
        page = parse_page(data, source=source.name, encoding=options.encoding)
    except ParseError as error:
        raise ImportFailed(f"{source.name}: {error}") from None
    if page.date is None:
        page.date = options.date
    elif options.date and options.date != page.date:
        page.warn(0, f"the text says {page.date}, --date says {options.date}: the text wins")
    if page.number is None and options.page is not None:
        page.number = options.page + index
    if not page.name:
        page.name = options.page_name
    if require_date and page.date is None:
        raise ImportFailed(f"{source.name}: no date in the page text; give --date YYYY-MM-DD")
    if require_date and page.number is None:
        raise ImportFailed(f"{source.name}: no page number in the page text; give --page N")
    return page


def parsed_pages(sources, options, require_date):
    for index, source in enumerate(sources):
        yield parse_source(source, options, index, require_date)


def dry_run(sources, options):
    """Parse and stitch everything, write nothing: the structure the import would write."""
    return stitch_continuations(list(parsed_pages(sources, options, require_date=False)))


def run_import(sources, options, user=None, progress=None):
    """Import every source or none. `progress(page_result)` is called after each page."""
    loader = IssueLoader(options, user=user)
    with transaction.atomic():
        pages = parsed_pages(sources, options, require_date=True)
        for _date, issue_pages in groupby(pages, key=lambda page: page.date):
            for result in loader.load(stitch_continuations(list(issue_pages))):
                if progress:
                    progress(result)
    report = loader.report
    if report.created + report.updated >= ANALYZE_AFTER:
        refresh_planner_statistics()
    return report


def refresh_planner_statistics():
    """After a large load the query planner's statistics are stale; without them SQLite walks the
    publication-time index for every query instead of the page it was asked about."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
