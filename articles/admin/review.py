"""The review chain in the admin: the panel on the article form, signing one article, signing a
page at once, and the issue's sign-off sheet. Every rule is asked of articles/review/."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.timezone import localtime

from ..models import Article, Page, SignOff
from ..permissions import may
from ..review import (
    SignRefused,
    active_chain,
    article_fingerprint,
    article_states,
    fact_text,
    fingerprint,
    page_fingerprint,
    sign_article,
    sign_page,
    signing_levels,
)
from ..textdiff import word_diff


def level_from(request, chain):
    """The active level the form names; anything else (an old or made-up id) is refused."""
    by_id = {str(level.pk): level for level in chain}
    level = by_id.get(request.POST.get("level", ""))
    if level is None:
        raise PermissionDenied
    return level


def review_context(article, user):
    """What the change form shows of the chain: each level's state, what this user may sign now,
    and, for a withdrawn sign-off, what changed since it was given."""
    chain = active_chain()
    if not chain or article is None:
        return {"review_chain": chain}
    states = article_states([article], chain)[article.pk]
    mine = signing_levels(user, chain)
    current = fact_text(article)
    rows = []
    for state in states:
        earlier_done = all(s.signed for s in states if s.level.order < state.level.order)
        row = {"state": state, "may_sign": state.level.pk in mine and earlier_done and not state.signed}
        if state.withdrawn and not state.signed:
            signed = state.withdrawn.signed_text or {}
            row["changes"] = [
                (Article._meta.get_field(name).verbose_name, word_diff(signed.get(name, ""), text))
                for name, text in current.items()
                if signed and signed.get(name, "") != text
            ]
        rows.append(row)
    return {"review_chain": chain, "review_rows": rows, "review_fingerprint": fingerprint(current)}


def sign_view(model_admin, request, object_id):
    """POST only: sign the article at the level named, on the text the signer saw."""
    article = get_object_or_404(Article, pk=object_id)
    if request.method != "POST" or not may(request.user, "view", article):
        raise PermissionDenied
    level = level_from(request, active_chain())
    try:
        sign_article(article.pk, level, request.user, seen=request.POST.get("review_fingerprint"))
    except SignRefused as refusal:
        model_admin.message_user(request, f"未签：{refusal}", messages.ERROR)
    else:
        model_admin.message_user(request, f"已签{level.name}：{article.headline}", messages.SUCCESS)
    return redirect("admin:articles_article_change", article.pk)


def sign_page_from_overview(model_admin, request, issue):
    page = get_object_or_404(Page, pk=request.POST.get("page"), issue=issue)
    level = level_from(request, active_chain())
    try:
        result = sign_page(page, level, request.user)
    except SignRefused as refusal:
        model_admin.message_user(request, f"未签：{refusal}", messages.ERROR)
        return
    done = f"第{page.number}版{level.name}：签了 {len(result.signed)} 篇稿件"
    done += "，本版已签。" if result.page_signed else "。"
    model_admin.message_user(request, done, messages.SUCCESS)
    for article, why in result.skipped:
        model_admin.message_user(request, f"《{article.headline}》未签：{why}", messages.WARNING)


SHEET_COLUMNS = ["版次", "版名", "稿件", "审级", "签发人", "签发时间", "状态", "撤销时间", "因谁的修改撤销"]


def signoff_sheet(issue):
    """The issue's sign-offs as CSV rows: every signature given, with whether it still counts."""
    articles = list(Article.objects.filter(page__issue=issue))
    current = {("article", a.pk): article_fingerprint(a) for a in articles}
    for page in issue.pages.all():
        current["page", page.pk] = page_fingerprint([a for a in articles if a.page_id == page.pk])
    rows = (
        SignOff.objects.filter(Q(article__page__issue=issue) | Q(page__issue=issue))
        .select_related("level", "user", "withdrawn_by", "article__page", "page")
        .order_by("signed_at", "pk")
    )
    for s in rows:
        page = s.page or s.article.page
        key = ("page", s.page_id) if s.page_id else ("article", s.article_id)
        if s.withdrawn_at:
            state = "已撤销"
        else:
            state = "有效" if current.get(key) == s.fingerprint else "已失效（文本已改）"
        yield [
            page.number,
            page.name,
            s.article.headline if s.article else "（整版）",
            s.level.name,
            s.user.get_full_name() or s.user.get_username(),
            f"{localtime(s.signed_at):%Y-%m-%d %H:%M:%S}",
            state,
            f"{localtime(s.withdrawn_at):%Y-%m-%d %H:%M:%S}" if s.withdrawn_at else "",
            str(s.withdrawn_by or ""),
        ]


def signoff_sheet_view(model_admin, request, issue):
    if not model_admin.has_view_permission(request, issue):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signoffs-{issue.date:%Y%m%d}.csv"'
    response.write("\ufeff")  # Excel, which most desks open it in, reads UTF-8 only with the BOM
    writer = csv.writer(response)
    writer.writerow(SHEET_COLUMNS)
    writer.writerows(signoff_sheet(issue))
    return response
