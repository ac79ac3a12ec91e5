"""Files in, report out: read, parse, stitch the jumps of one issue, plan, write; all in one
transaction.

Pages are parsed and written one issue (date) at a time, so memory holds one issue, not the
whole run, however many files are given.
"""

from dataclasses import replace
from itertools import groupby

from ..database import IMPORTS, database
from ..epaper.attach import PageFile, attach, removing_on_failure
from ..epaper.pdf import PageFileError
from ..models import Author, Page, Section
from ..parsing import Known, ParseError, parse_page, stitch_continuations
from ..review import active_chain
from .issue_plan import plan_issue
from .options import ImportFailed
from .report import ImportReport
from .stored import directory, holdings
from .writer import IssueWriter

# Articles written in one run past which the database's planner statistics are refreshed.
ANALYZE_AFTER = 200


def parse_source(name, data, options, index, require_date):
    """Parse one file and fill from the options what its text lacks."""
    try:
        page = parse_page(data, source=name, encoding=options.encoding, known=options.known)
    except ParseError as error:
        raise ImportFailed(f"{name}: {error}", f"{name}：{error.zh}") from None
    if page.date is None:
        page.date = options.date
    elif options.date and options.date != page.date:
        page.warn(0, f"文本中的日期是 {page.date}，指定的日期是 {options.date}：以文本为准")
    if page.number is None and options.page is not None:
        page.number = options.page + index
    if not page.name:
        page.name = options.page_name
    if require_date and page.date is None:
        raise ImportFailed(
            f"{name}: no date in the page text; give --date YYYY-MM-DD",
            f"{name}：文本中没有日期，请填写出版日期",
        )
    if require_date and page.number is None:
        raise ImportFailed(
            f"{name}: no page number in the page text; give --page N",
            f"{name}：文本中没有版次，请填写起始版次",
        )
    if page.date is not None:
        options.check_date(name, page.date)
    return page


def parsed_pages(sources, options, require_date):
    for index, source in enumerate(sources):
        yield parse_source(source.name, source.read(), options, index, require_date)


def dry_run(sources, options):
    """Parse and stitch everything, write nothing: the structure the import would write."""
    options = with_what_is_known(options)
    return stitch_continuations(list(parsed_pages(sources, options, require_date=False)))


def with_what_is_known(options):
    """The options with the newspaper's authors and columns, for the parser to settle doubts."""
    known = Known(
        names=frozenset(Author.objects.values_list("name", flat=True)),
        columns=frozenset(Section.objects.values_list("name", flat=True)),
    )
    return replace(options, known=known)


def run_import(sources, options, user=None, progress=None):
    """Import every source or none. `progress(page_result)` is called after each page."""
    if options.publish and not options.skip_review and active_chain():
        raise ImportFailed(
            "the review chain (三审三校) is on: sign the articles and pages in the admin before "
            "publishing, or give --skip-review for pages reviewed in print (an archive backfill)"
        )
    # Page files stored are removed if the import fails: the transaction cannot take them back.
    report = removing_on_failure(
        lambda written: import_in_transaction(sources, options, user, progress, written)
    )
    if report.created + report.updated >= ANALYZE_AFTER:
        database().after_bulk_load()
    return report


def import_in_transaction(sources, options, user, progress, written):
    """The import, in the transaction that removing_on_failure() opens; `written` gathers the
    names of the page files stored."""
    files = {source.name: source.files for source in sources if source.files}
    # An import reads once which authors and columns exist and creates the ones it lacks:
    # two at once would both create the same reporter, so imports take turns.
    database().take_turns(IMPORTS)
    options = with_what_is_known(options)
    authors, sections = directory(Author), directory(Section)
    writer = IssueWriter(authors, sections, publish=options.publish, user=user)
    report = ImportReport()
    for issue in issues(parsed_pages(sources, options, require_date=True)):
        pages = stitch_continuations(issue)
        stored = holdings(pages[0].date, [page.number for page in pages])
        plan = plan_issue(pages, stored, authors, sections, publish=options.publish)
        writer.write(plan)
        report.add(plan, options.publish)
        for parsed in pages:
            if parsed.source in files:
                report.attached.append(attach_files(parsed, files[parsed.source], written))
        for result in plan.results:
            if progress:
                progress(result)
    return report


def attach_files(parsed, files, written):
    """Store a page's PDF and image and find its articles' areas (epaper/attach.py)."""
    page = Page.objects.select_related("issue").get(issue__date=parsed.date, number=parsed.number)
    pdf = image = None
    for name, read in files:
        file = PageFile(name, read())
        if file.is_pdf:
            pdf = file
        else:
            image = file
    try:
        return attach(page, pdf=pdf, image=image, written=written)
    except PageFileError as error:
        raise ImportFailed(str(error), error.zh) from None


def issues(pages):
    """The pages grouped by date, as they come; a page given twice is refused."""
    seen = {}
    for _date, group in groupby(pages, key=lambda page: page.date):
        issue = list(group)
        for page in issue:
            key = (page.date, page.number)
            if key in seen:
                raise ImportFailed(
                    f"{page.source}: page {page.number} of {page.date} is also given by {seen[key]}",
                    f"{page.source}：{page.date} 第{page.number}版与 {seen[key]} 重复",
                )
            seen[key] = page.source
        yield issue
