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


def relaid(text, how):
    """The same page as another export would lay it out."""
    lines = text.split("\n")
    if how == "no indent":
        return "\n".join(line.lstrip("\u3000 ") for line in lines)
    if how == "every line indented":
        return "\n".join("\u3000\u3000" + line.lstrip("\u3000 ") if line.strip() else line for line in lines)
    if how == "titles centred":
        return "\n".join(
            " " * 8 + line if line.strip() and not line.startswith("\u3000") else line for line in lines
        )
    if how == "no blank line":
        return "\n".join(line for line in lines if line.strip())
    if how == "a blank line after every line":
        return "\n\n".join(line for line in lines if line.strip())
    assert how == "crlf and no-break spaces"
    return text.replace("\n", "\r\n").replace("  ", "\u00a0\u00a0")


RELAYOUTS = [
    "no indent",
    "every line indented",
    "titles centred",
    "no blank line",
    "a blank line after every line",
    "crlf and no-break spaces",
]


@pytest.mark.parametrize("how", RELAYOUTS)
def test_the_corpus_reads_the_same_however_it_is_laid_out(how):
    """Rules that fit one export would fail here: the same pages, laid out as other layout
    systems export them, must read as they do as written."""
    from articles.parsing import page_to_dict, parse_page

    from .corpus import compact

    scores = []
    for path in PAGES:
        text = relaid(path.read_text("utf-8"), how)
        found = compact(page_to_dict(parse_page(text.encode("utf-8"), source=path.name)))
        scores.append(score(found, expected_of(path))[0])
    assert sum(scores) / len(scores) >= 0.98, [round(s, 3) for s in scores]
