"""Pages of other papers' layouts, each with the structure a person reads in it: the parser
must score 0.98 or more on average (tests/corpus.py), and says per page how it did."""

import pytest

from .corpus import SCORES, corpus_pages, expected_of, parsed, score

PAGES = corpus_pages()


def test_the_corpus_has_pages_of_every_layout_of_real_size():
    """Twelve pages or more, each as long as a real page, with and without blank lines."""
    assert len(PAGES) >= 12
    without_blank_lines = 0
    for path in PAGES:
        text = path.read_text("utf-8")
        expected = expected_of(path)
        assert 3000 <= len(text) <= 8000, path.name
        assert 6 <= len(expected["articles"]) <= 10, path.name
        assert expected["layout"] == "paragraph-per-line", path.name
        without_blank_lines += "\n\n" not in text.strip()
    assert without_blank_lines >= 4


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_page_reads_as_expected(path):
    value, misses = score(parsed(path), expected_of(path))
    SCORES[path.name] = (value, misses)  # printed at the end of the run (conftest.py)
    assert value >= 0.9, misses


def test_the_corpus_average_is_at_least_0_98():
    scores = [score(parsed(path), expected_of(path))[0] for path in PAGES]
    assert sum(scores) / len(scores) >= 0.98
