"""Files in, report out: read, parse, stitch the jumps of one issue, load; all in one transaction.

Pages are parsed and written one issue (date) at a time, so memory holds one issue, not the
whole run, however many files are given.
"""

from contextlib import nullcontext
from dataclasses import replace
from itertools import groupby

from django.db import connection, transaction

from ..parsing import Known, stitch_continuations
from .loader import IssueLoader
from .prepare import parse_source, prepared_pages

# Articles written in one run past which SQLite's planner statistics are refreshed.
ANALYZE_AFTER = 200


def parsed_pages(sources, options, require_date):
    for index, source in enumerate(sources):
        yield parse_source(source.name, source.read(), options, index, require_date)


def dry_run(sources, options):
    """Parse and stitch everything, write nothing: the structure the import would write."""
    options = with_what_is_known(options)
    return stitch_continuations(list(parsed_pages(sources, options, require_date=False)))


def with_what_is_known(options):
    """The options with the newspaper's authors and columns, for the parser to settle doubts."""
    from ..models import Author, Section

    known = Known(
        names=frozenset(Author.objects.values_list("name", flat=True)),
        columns=frozenset(Section.objects.values_list("name", flat=True)),
    )
    return replace(options, known=known)


def run_import(sources, options, user=None, progress=None, jobs=1):
    """Import every source or none. `progress(page_result)` is called after each page.

    With `jobs` > 1, files are parsed and their articles' text prepared in `jobs` - 1 child
    processes while this one writes (see prepare.py); the database work stays here, in one
    transaction.
    """
    with transaction.atomic():
        one_import_at_a_time()
        check_references_as_written()
        leave_search_index_merge_to_vacuum()
        options = with_what_is_known(options)
        loader = IssueLoader(options, user=user)
        pages = prepared_pages(sources, options, loader.store_vectors, jobs)
        issues = (list(issue) for _date, issue in groupby(pages, key=lambda pair: pair[0].date))
        # Evaluated as each issue's turn comes, after the one before it is written.
        for new, run in groupby(issues, key=lambda issue: loader.is_new_issue(issue[0][0].date)):
            with sent_without_waiting(new):
                for issue in run:
                    for result in loader.load(*stitched(issue)):
                        if progress:
                            progress(result)
    report = loader.report
    if connection.vendor == "sqlite" and report.created + report.updated >= ANALYZE_AFTER:
        refresh_planner_statistics()
    return report


def stitched(issue):
    """(pages, prepared, slug bases) of one issue's [(page, prepared, bases)], as load() takes
    them, with its continued articles joined."""
    prepared = {key: value for _, by_article, _ in issue for key, value in by_article.items()}
    bases = {text: base for _, _, by_text in issue for text, base in by_text.items()}
    for page, _, _ in issue:  # stitching will add a continuation to these: prepare them again
        for article in page.articles:
            if article.continued_to is not None:
                prepared.pop(id(article), None)
    return stitch_continuations([page for page, _, _ in issue]), prepared, bases


def sent_without_waiting(new_issues):
    """For new issues on PostgreSQL, psycopg's pipeline mode: each statement is sent without
    waiting for the server to finish the one before; only one whose rows are read back waits.

    The loader reads nothing back for a new issue (ids.py), so the server writes one issue
    while this process builds the next. A failed statement fails the import all the same, when
    the pipeline next waits: at the latest, at its end, before the transaction commits.
    Issues imported before are written as ever: an UPDATE's row count, which Django checks, is
    not known in pipeline mode until the server's answer is read.
    """
    if connection.vendor != "postgresql" or not new_issues:
        return nullcontext()
    connection.ensure_connection()
    return connection.connection.pipeline()


# The key of the advisory lock imports take in turn: any number no other code uses.
IMPORT_LOCK = 0x6E6577


def one_import_at_a_time():
    """On PostgreSQL, wait until any other import has committed, before reading anything.

    An import reads once which issues, authors and columns exist, and writes the ones it lacks
    without asking again (loader.py, people.py). Two at once would both create the same date's
    issue or the same reporter, and the second would fail at the end; in turn, the second
    finds what the first wrote and adds to it. Only imports wait: readers and editors do not.
    (SQLite lets one transaction write at a time anyway.)
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def check_references_as_written():
    """On PostgreSQL, check each foreign key as its row is written, not all at the commit.

    Django makes its foreign keys deferred, so PostgreSQL checked a year's hundred thousand and
    more references at the end, in the COMMIT: 0.7-1.25 s of one core after the last page, with
    the parsing process done and idle. Checked statement by statement, the same work is spread
    over the import while that process is still busy, and a year's import ends 0.06-0.09 s after
    its last page (measured). A broken reference still fails the whole import.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


# PostgreSQL's largest pending list, in kB: in effect, no limit.
UNLIMITED_PENDING_LIST = 2147483647


def leave_search_index_merge_to_vacuum():
    """On PostgreSQL, let the search index's pending list take all of the import's entries.

    A GIN index first lists new entries unsorted, and merges them into its tree whenever the
    list passes gin_pending_list_limit (4 MB: every 600 or so articles). The merging was half
    of the index's cost, 0.5-0.7 s of server time per 4,845 articles (measured, merged in one
    go or in 4 MB steps alike). With the limit lifted for this transaction only, the merge is
    left to autovacuum after the commit: within its one-minute nap it analyzes a table that
    gained a tenth of its rows, and its analyze and vacuum both merge the list. Until then the
    new articles are found all the same, by reading the list: 95-125 ms a search after a year's
    import (14,577 articles), against a few ms merged; autovacuum had merged it 50 s after. A
    night's issue adds a few hundred kB to the list, which the next insert past 4 MB in any
    other session merges, as before.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL gin_pending_list_limit = {UNLIMITED_PENDING_LIST}")


def refresh_planner_statistics():
    """After a large load the query planner's statistics are stale; without them SQLite walks the
    publication-time index for every query instead of the page it was asked about.

    SQLite only: PostgreSQL's autovacuum analyzes a table in the background once a tenth of it
    has changed. Run here, in the importing transaction, ANALYZE was 0.36 ms of every page of
    a 960-page import, and the statistics of everything else in the database were read again.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
