"""Small factories for test data. The seed fixture is for the seed only."""

import datetime

import factory
from django.utils import timezone

from articles.models import Article, Author, Byline, Image, Issue, Page, Section, Status


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    number = factory.Sequence(lambda n: n + 1)
    released_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    issue = factory.SubFactory(IssueFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "要闻"
    editor = "周文"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"栏目{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"记者{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(lambda n: n + 1)
    headline = factory.Sequence(lambda n: f"科技创新推动发展 第{n}篇")
    body = "第一段文字。\n\n## 小标题\n\n第二段文字。"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    role = "记者"
    order = factory.Sequence(lambda n: n)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)
    caption = "图为生产车间"
