"""Sign-offs, level by level, and what they allow.

A sign-off counts while the text it covers is unchanged: its fingerprint equals the text's. An
editor's change carries the sign-offs of the levels up to their own over to the new text and
withdraws the later ones, which must sign again; any other change (a re-import, a script)
leaves every sign-off behind, since nobody at a level made it. A page's sign-offs cover its
articles' texts in print order."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Article, ReviewLevel, SignOff
from .texts import fact_text, fingerprint


class ReviewIncomplete(Exception):
    """Publishing or releasing asked before every level signed; the message names what is missing."""


class SignRefused(Exception):
    """A sign-off this user may not give now; the message says why."""


@dataclass
class LevelState:
    level: ReviewLevel
    signoff: SignOff | None = None  # the sign-off that counts
    withdrawn: SignOff | None = None  # the latest that no longer does

    @property
    def signed(self):
        return self.signoff is not None


def active_chain():
    return list(ReviewLevel.objects.chain())


def signing_levels(user, chain):
    """Ids of the levels this user signs: those of their groups (a superuser: all)."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return {level.pk for level in chain}
    groups = set(user.groups.values_list("pk", flat=True))
    return {level.pk for level in chain if level.group_id in groups}


def article_fingerprint(article):
    return fingerprint(fact_text(article))


def page_fingerprint(articles):
    """The page's articles in print order, each by its text."""
    ordered = sorted(articles, key=lambda a: a.position)
    return fingerprint([[a.pk, article_fingerprint(a)] for a in ordered])


def _states(signoffs, current, chain):
    counting, withdrawn = {}, {}
    for signoff in signoffs:
        if signoff.withdrawn_at is None and signoff.fingerprint == current:
            counting[signoff.level_id] = signoff
        else:
            withdrawn[signoff.level_id] = signoff
    return [LevelState(level, counting.get(level.pk), withdrawn.get(level.pk)) for level in chain]


def _grouped(signoffs, key):
    grouped = {}
    for signoff in signoffs:
        grouped.setdefault(getattr(signoff, key), []).append(signoff)
    return grouped


def article_states(articles, chain):
    """{article id: [LevelState per level]} in one query."""
    if not chain:
        return {article.pk: [] for article in articles}
    signoffs = SignOff.objects.filter(article__in=[a.pk for a in articles]).select_related("user")
    grouped = _grouped(signoffs.order_by("signed_at", "pk"), "article_id")
    return {a.pk: _states(grouped.get(a.pk, []), article_fingerprint(a), chain) for a in articles}


def page_states(pages, chain):
    """{page id: [LevelState per level]} of pages given as {page: its articles}, in one query."""
    if not chain:
        return {page.pk: [] for page in pages}
    signoffs = SignOff.objects.filter(page__in=[p.pk for p in pages]).select_related("user")
    grouped = _grouped(signoffs.order_by("signed_at", "pk"), "page_id")
    return {
        page.pk: _states(grouped.get(page.pk, []), page_fingerprint(articles), chain)
        for page, articles in pages.items()
    }


def missing(states):
    return [state.level.name for state in states if not state.signed]


def _check_signer(level, user, chain):
    if level.pk not in signing_levels(user, chain):
        raise SignRefused(f"您不在“{level.group.name}”组，不能签{level.name}。")


def _check_turn(states, level):
    earlier = [s.level.name for s in states if s.level.order < level.order and not s.signed]
    if earlier:
        raise SignRefused(f"须先完成{'、'.join(earlier)}，才能签{level.name}。")
    if any(s.signed for s in states if s.level.pk == level.pk):
        raise SignRefused(f"{level.name}已经签过。")


@transaction.atomic
def sign_article(article_id, level, user, seen=None):
    """Sign one article at `level`. `seen`: the fingerprint of the text the signer read; a text
    changed since is refused, so that nobody signs what they have not seen."""
    chain = active_chain()
    article = Article.objects.select_for_update().get(pk=article_id)
    current = article_fingerprint(article)
    if seen is not None and seen != current:
        raise SignRefused("稿件在您审阅之后被修改过，请看过最新文本再签。")
    _check_signer(level, user, chain)
    _check_turn(article_states([article], chain)[article.pk], level)
    return SignOff.objects.create(
        level=level, article=article, user=user, fingerprint=current, signed_text=fact_text(article)
    )


@dataclass
class PageSigning:
    signed: list = field(default_factory=list)  # articles signed now
    skipped: list = field(default_factory=list)  # (article, why)
    page_signed: bool = False


@transaction.atomic
def sign_page(page, level, user):
    """Sign at `level` every article of the page whose turn it is, then the page itself once all
    its articles carry that level: how a duty chief signs a page at once."""
    chain = active_chain()
    _check_signer(level, user, chain)
    articles = list(Article.objects.select_for_update().filter(page=page).order_by("position"))
    result = PageSigning()
    states = article_states(articles, chain)
    for article in articles:
        try:
            _check_turn(states[article.pk], level)
        except SignRefused as refusal:
            if not any(s.signed for s in states[article.pk] if s.level.pk == level.pk):
                result.skipped.append((article, str(refusal)))
            continue
        SignOff.objects.create(
            level=level,
            article=article,
            user=user,
            fingerprint=article_fingerprint(article),
            signed_text=fact_text(article),
        )
        result.signed.append(article)
    if not result.skipped:
        page_state = page_states({page: articles}, chain)[page.pk]
        try:
            _check_turn(page_state, level)
        except SignRefused:
            return result
        SignOff.objects.create(level=level, page=page, user=user, fingerprint=page_fingerprint(articles))
        result.page_signed = True
    return result


def _own_order(user, chain):
    """The highest level this user's groups sign; 0 for anyone outside the chain."""
    groups = set(user.groups.values_list("pk", flat=True)) if user and user.is_active else set()
    return max((level.order for level in chain if level.group_id in groups), default=0)


def after_text_change(article, before, user):
    """After `user` saved `article` whose fact text was `before` (fact_text): the sign-offs of
    levels up to the user's own now cover the new text; later ones are withdrawn."""
    chain = active_chain()
    old, new = fingerprint(before), article_fingerprint(article)
    if not chain or old == new:
        return
    own, now = _own_order(user, chain), timezone.now()
    siblings = list(Article.objects.filter(page_id=article.page_id).exclude(pk=article.pk))
    page_new = page_fingerprint([*siblings, article])
    previous = Article(pk=article.pk, position=article.position, **before)
    page_old = page_fingerprint([*siblings, previous])
    for model_filter, was, becomes in (
        ({"article": article}, old, new),
        ({"page_id": article.page_id}, page_old, page_new),
    ):
        standing = SignOff.objects.filter(**model_filter, withdrawn_at=None, fingerprint=was)
        standing.filter(level__order__lte=own).update(fingerprint=becomes)
        standing.filter(level__order__gt=own).update(withdrawn_at=now, withdrawn_by=user)


def _describe(missing_by_thing, limit=5):
    lines = [f"{thing}缺{'、'.join(names)}" for thing, names in missing_by_thing[:limit]]
    more = len(missing_by_thing) - limit
    return "；".join(lines) + (f"；另有 {more} 项" if more > 0 else "")


def check_may_publish(articles):
    """Raise ReviewIncomplete unless every article has every level's sign-off (chain off: pass)."""
    chain = active_chain()
    if not chain:
        return
    articles = list(articles)
    states = article_states(articles, chain)
    gaps = [(f"《{a.headline}》", missing(states[a.pk])) for a in articles if missing(states[a.pk])]
    if gaps:
        raise ReviewIncomplete("三审三校尚未完成，不能发布：" + _describe(gaps))


def check_may_release(issue):
    """Raise ReviewIncomplete unless every article and every page of the issue is signed."""
    chain = active_chain()
    if not chain:
        return
    articles = list(Article.objects.filter(page__issue=issue).order_by("page__number", "position"))
    pages = {page: [] for page in issue.pages.all()}
    by_id = {page.pk: page for page in pages}
    for article in articles:
        pages[by_id[article.page_id]].append(article)
    states = article_states(articles, chain)
    gaps = [(f"《{a.headline}》", missing(states[a.pk])) for a in articles if missing(states[a.pk])]
    page_gaps = page_states(pages, chain)
    gaps += [(f"第{p.number}版", missing(page_gaps[p.pk])) for p in pages if missing(page_gaps[p.pk])]
    if gaps:
        raise ReviewIncomplete("三审三校尚未完成，不能发布整期：" + _describe(gaps))
