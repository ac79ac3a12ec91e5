"""Reading, parsing and computing each article's stored text, ahead of the loader, on another core.

Everything here is pure (bytes in, dataclasses and dicts out), so child processes can do it
while the main process writes the previous issue, and the two halves overlap instead of adding
up (less than fully: results are pickled across, and two vCPUs may share a core). Pages come
back in the order given, and at most WINDOW of them are in flight, so memory does not grow with
the number of files.
"""

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from ..parsing import ParseError, parse_page
from ..search.document import vectors_of
from ..slugs import pinyin
from .content import article_content
from .options import ImportFailed
from .people import names_in
from .slug_bases import slug_bases_for

WINDOW = 32
# Pages a task of the child process holds. The child gets each next task from the pool's manager
# thread in this process, which must first win the GIL from the writing (up to the 5 ms switch
# interval): with a page a task, that wait came once a page.
CHUNK = 8


def parse_source(name, data, options, index, require_date):
    """Parse one file and fill from the options what its text lacks."""
    try:
        page = parse_page(data, source=name, encoding=options.encoding, known=options.known)
    except ParseError as error:
        raise ImportFailed(f"{name}: {error}") from None
    if page.date is None:
        page.date = options.date
    elif options.date and options.date != page.date:
        page.warn(0, f"the text says {page.date}, --date says {options.date}: the text wins")
    if page.number is None and options.page is not None:
        page.number = options.page + index
    if not page.name:
        page.name = options.page_name
    if require_date and page.date is None:
        raise ImportFailed(f"{name}: no date in the page text; give --date YYYY-MM-DD")
    if require_date and page.number is None:
        raise ImportFailed(f"{name}: no page number in the page text; give --page N")
    if page.date is not None:
        options.check_date(name, page.date)
    return page


def prepare_page(name, data, options, index):
    """(page, {article index: (fields, search document)}, {text: slug base}) for one file: the
    bases of its headlines, of the names it credits and of its columns (slug_bases.py)."""
    page = parse_source(name, data, options, index, require_date=True)
    prepared = {position: article_content(item) for position, item in enumerate(page.articles)}
    texts = {item.headline for item in page.articles} | names_in(page.articles)
    texts |= {item.column for item in page.articles if item.column}
    return page, prepared, slug_bases_for(texts)


def prepared_pages(sources, options, with_vectors, jobs):
    """(page, {id(article): (fields, vector)}, slug bases) per source, in order; `jobs` > 1 uses
    `jobs` - 1 child processes, each taking the next chunk.

    The fields are those of the article as printed on its page: the loader recomputes an article
    that stitching has since joined with its continuation.
    """
    tasks = ((source.name, source, options, index) for index, source in enumerate(sources))
    if jobs <= 1:
        while chunk := list(islice(tasks, CHUNK)):
            yield from map(_by_identity, prepare_chunk(_read(chunk), with_vectors))
        return
    # fork: the child inherits the loaded code (and never touches the parent's database connection).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs - 1, mp_context=context, initializer=_start_child) as pool:
        pending = deque()
        while chunk := list(islice(tasks, CHUNK)):
            pending.append(pool.submit(prepare_chunk, _read(chunk), with_vectors))
            if len(pending) >= WINDOW // CHUNK:
                yield from map(_by_identity, pending.popleft().result())
        while pending:
            yield from map(_by_identity, pending.popleft().result())


def prepare_chunk(tasks, with_vectors):
    """prepare_page() of each (name, data, options, index), in order, with each article's search
    document replaced by its vector, or by None if not `with_vectors`.

    The vectors of the whole chunk are made in one call: numpy's cost is mostly per call, and
    made a page at a time they took 1.25 ms a page against 0.84 ms (measured over 400 pages).
    """
    results = [prepare_page(*task) for task in tasks]
    prepared = [by_position for _, by_position, _ in results]
    documents = [document for by_position in prepared for _, document in by_position.values()]
    vectors = iter(vectors_of(documents) if with_vectors else [None] * len(documents))
    for by_position in prepared:
        for position, (fields, _) in by_position.items():
            by_position[position] = (fields, next(vectors))
    return results


def _read(chunk):
    """Tasks with each source read: files are read here, where their errors are reported."""
    return [(name, source.read(), *rest) for name, source, *rest in chunk]


def _start_child():
    """End with the writing process; then load pypinyin here, while the writing process starts on
    the database, and set what is loaded aside from the collector, as import_issue does."""
    die_with_parent()
    pinyin()
    gc.freeze()


PR_SET_PDEATHSIG = 1


def die_with_parent():
    """Ask the kernel to kill this child when the writing process ends, however it ends (kill -9,
    SIGTERM, a crash). A forked child holds a copy of the parent's database socket: left running,
    it kept the interrupted import's session, and with it the import lock, open for ever."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child ends when its task queue closes
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def _by_identity(result):
    page, prepared, bases = result
    return page, {id(page.articles[position]): value for position, value in prepared.items()}, bases
