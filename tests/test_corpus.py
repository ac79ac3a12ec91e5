"""Pages of other papers' layouts, each with the structure a person reads in it: the parser
must score 0.98 or more on average (tests/corpus.py), and says per page how it did."""

import pytest

from .corpus import corpus_pages, expected_of, parsed, score

PAGES = corpus_pages()


def test_the_corpus_has_pages_of_every_layout_of_real_size():
    assert len(PAGES) >= 4
    for path in PAGES:
        text = path.read_text("utf-8")
        expected = expected_of(path)
        assert 3000 <= len(text) <= 8000, path.name
        assert 6 <= len(expected["articles"]) <= 10, path.name
    layouts = {expected_of(path)["layout"] for path in PAGES}
    assert layouts == {"paragraph-per-line"} or "paragraph-per-line" in layouts


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_page_reads_as_expected(path):
    value, misses = score(parsed(path), expected_of(path))
    print(f"{path.name}: {value:.3f} {misses}")
    assert value >= 0.9, misses


def test_the_corpus_average_is_at_least_0_98():
    scores = [score(parsed(path), expected_of(path))[0] for path in PAGES]
    print("corpus:", " ".join(f"{s:.3f}" for s in scores), f"average {sum(scores) / len(scores):.3f}")
    assert sum(scores) / len(scores) >= 0.98
