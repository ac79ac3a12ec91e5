import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from articles.body import BodyBlock, join_body, reads_back_unchanged, split_body
from articles.models import Article, Author, Issue, Section, Status
from articles.slugs import syllables

from .factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    ImageFactory,
    IssueFactory,
    PageFactory,
)
from .test_images import png_bytes

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


class TestConstraints:
    def test_one_issue_per_date(self):
        IssueFactory(date=datetime.date(2024, 3, 12))
        refused(lambda: Issue.objects.create(date=datetime.date(2024, 3, 12)))

    def test_page_number_unique_within_issue(self):
        page = PageFactory(number=2)
        refused(lambda: PageFactory(issue=page.issue, number=2))
        assert PageFactory(number=2).issue != page.issue  # same number in another issue is fine

    def test_article_position_unique_per_page(self):
        article = ArticleFactory(position=1)
        refused(lambda: ArticleFactory(page=article.page, position=1))

    def test_byline_unique_per_article_author_role(self):
        byline = BylineFactory(role="记者")
        refused(lambda: BylineFactory(article=byline.article, author=byline.author, role="记者"))
        BylineFactory(article=byline.article, author=byline.author, role="摄影")
        assert byline.article.bylines.count() == 2

    def test_section_name_unique(self):
        Section.objects.create(name="基层宣讲台")
        refused(lambda: Section.objects.create(name="基层宣讲台", slug="other"))


class TestPublished:
    def test_published_article_in_released_issue_is_visible(self):
        article = ArticleFactory()
        assert list(Article.objects.published()) == [article]

    def test_draft_is_hidden(self):
        ArticleFactory(status=Status.DRAFT)
        assert not Article.objects.published().exists()

    def test_future_publish_time_is_hidden(self):
        ArticleFactory(publish_at=timezone.now() + datetime.timedelta(minutes=5))
        assert not Article.objects.published().exists()

    def test_missing_publish_time_is_hidden(self):
        ArticleFactory(publish_at=None)
        assert not Article.objects.published().exists()

    def test_unreleased_issue_is_hidden(self):
        ArticleFactory(page__issue__released_at=None)
        assert not Article.objects.published().exists()

    def test_issue_released_in_future_is_hidden(self):
        ArticleFactory(page__issue__released_at=timezone.now() + datetime.timedelta(hours=1))
        assert not Article.objects.published().exists()


class TestBodyRendering:
    def test_script_in_paragraph_comes_out_as_text(self):
        article = ArticleFactory(body="<script>alert(1)</script>正文。")
        assert "<script>" not in article.body_html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;正文。" in article.body_html

    def test_paragraphs_and_subheads(self):
        article = ArticleFactory(body="第一段\n接着。\n\n## 小标题\n\n第二段。")
        assert article.body_html == "<p>第一段接着。</p>\n<h2>小标题</h2>\n<p>第二段。</p>"

    def test_image_placeholder_places_the_figure(self):
        article = ArticleFactory(body="甲。\n\n[[图1]]\n\n乙。")
        ImageFactory(article=article, caption='"><img src=x onerror=alert(1)>', credit="陈晓明")
        article.refresh_from_db()
        # No file yet: neither a broken image nor a caption that reads like a pull quote.
        assert article.body_html == "<p>甲。</p>\n<p>乙。</p>"
        image = article.images.get()
        image.file.save("photo.png", ContentFile(png_bytes()))
        article.refresh_from_db()
        assert article.body_html.split("\n")[1].startswith('<figure class="photo"><picture>')
        assert '<span class="credit">陈晓明 摄</span>' in article.body_html
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in article.body_html

    def test_unplaced_images_follow_the_body(self):
        article = ArticleFactory(body="甲。")
        image = ImageFactory(article=article, caption="图为现场")
        image.file.save("photo.png", ContentFile(png_bytes()))
        article.refresh_from_db()
        assert article.body_html.endswith("<figcaption>图为现场</figcaption></figure>")

    def test_summary_defaults_to_the_opening(self):
        article = ArticleFactory(body="开头一句。\n\n第二段。")
        assert article.summary == "开头一句。"


# Texts made of what the markup gives meaning to (line breaks, whitespace, "##", an image mark)
# and of ordinary text.
MARKUP_TEXT = st.lists(
    st.sampled_from(
        [
            "甲",
            "乙。",
            " ",
            "\u3000",
            "\t",
            "\n",
            "\r",
            "#",
            "##",
            "[[图1]]",
            "[[图",
            "1",
            "１",
            "²",
            "]]",
            "x",
        ]
    ),
    max_size=6,
).map("".join)
BLOCKS = st.lists(
    st.builds(BodyBlock, st.sampled_from(["paragraph", "subhead", "image", "quote"]), MARKUP_TEXT), max_size=5
)


class TestBodyReadsBack:
    """The importer skips re-splitting the markup it wrote where reads_back_unchanged() says so."""

    @settings(max_examples=1000, deadline=None)
    @given(BLOCKS)
    def test_blocks_said_to_read_back_unchanged_do(self, blocks):
        if reads_back_unchanged(blocks):
            assert split_body(join_body(blocks)) == blocks

    @pytest.mark.parametrize(
        ("blocks", "unchanged"),
        [
            (
                [BodyBlock("paragraph", "第一段。"), BodyBlock("subhead", "小标题"), BodyBlock("image", "2")],
                True,
            ),
            ([BodyBlock("paragraph", "第一段\n接着。")], False),  # joined into one line
            ([BodyBlock("paragraph", "\u3000首行缩进。")], False),  # the indent is stripped
            ([BodyBlock("paragraph", "## 不是小标题")], False),  # reads back as a subhead
            ([BodyBlock("paragraph", "[[图1]]")], False),  # reads back as a photo
            ([BodyBlock("subhead", "")], False),
        ],
    )
    def test_what_the_markup_would_change_is_seen(self, blocks, unchanged):
        assert reads_back_unchanged(blocks) is unchanged
        assert (split_body(join_body(blocks)) == blocks) is unchanged


class TestSlugs:
    def test_author_slug_is_pinyin(self):
        assert AuthorFactory(name="黄雅婷").slug == "huang-ya-ting"

    def test_author_slugs_stay_unique(self):
        AuthorFactory(name="王伟")
        assert Author.objects.create(name="王伟").slug == "wang-wei-2"

    def test_article_slug_mixes_pinyin_and_latin(self):
        assert ArticleFactory(headline="5G基站 建设提速！").slug == "5g-ji-zhan-jian-she-ti-su"

    @pytest.mark.parametrize(
        "text",
        [
            "重庆长江大桥重新开放",
            "银行行长走进了行业一线",
            "5G基站 建设提速！",
            "王薇",
            "单于和单位",
            "ABC—乐乐音乐",
        ],
    )
    def test_word_cached_syllables_match_pypinyin(self, text):
        # Heteronyms (重/长/行/乐/单) are read by word: caching per word must keep pypinyin's reading.
        assert syllables(text) == lazy_pinyin(text, style=Style.NORMAL)

    @settings(max_examples=500, deadline=None)
    @given(
        st.lists(
            st.sampled_from(
                ["重庆", "银行", "长江", "行长", "音乐", "快乐", "单于", "中华人民共和国", "长", "行", "了"]
                + ["黄雅婷", "〇", "㐀", "\U00020000", "豈", "5G", "ABC", " ", "：", "，", "-", "é"]
            ),
            max_size=8,
        ).map("".join)
    )
    def test_reading_word_by_word_reads_as_pypinyin_does(self, text):
        """syllables() reads the words of pypinyin's own segmentation one by one, each kept: the
        same as reading the whole text, where phrases (with heteronyms) run into each other, Han
        characters of every range, and other text between."""
        assert syllables(text) == lazy_pinyin(text, style=Style.NORMAL)

    def test_section_slug(self):
        assert Section.objects.create(name="基层宣讲台").slug == "ji-ceng-xuan-jiang-tai"


class TestUrls:
    def test_absolute_urls(self):
        article = ArticleFactory(
            page__issue__date=datetime.date(2024, 3, 12), page__number=2, headline="西湖街道"
        )
        assert article.get_absolute_url() == "/2024/03/12/2/xi-hu-jie-dao/"
        assert article.page.get_absolute_url() == "/2024/03/12/2/"
        assert article.page.issue.get_absolute_url() == "/2024/03/12/"
        assert str(article.page) == "2024年03月12日 第2版 要闻"


def test_pinyin_dictionaries_load_on_first_use_not_at_start_up():
    """pypinyin took a quarter of every command's start-up; most make no slug. jieba's models
    (the admin's word diff and proofreading) weigh some 50 MB: an import never needs them."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys, django; django.setup(); import articles.models, articles.admin, newsroom.urls; "
        "print('pypinyin' in sys.modules); from articles.slugs import pinyin_slug; "
        "print(pinyin_slug('黄雅婷'), 'pypinyin' in sys.modules); print('jieba' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "huang-ya-ting", "True", "False"]
