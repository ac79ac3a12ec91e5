"""Chinese text cut into words (jieba), for the word-level diff and the proofreading checks.

jieba is imported on first use: importing its part-of-speech tagger loads some 50 MB of models,
which processes that never cut words (an import, the public pages) should not carry. gunicorn's
master loads it before forking (gunicorn.conf.py), so that no request waits for it."""

import logging


def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to log
    return jieba


def words(text):
    return list(_jieba().cut(text or "", HMM=False))


def tagged_words(text):
    """(word, part-of-speech tag) pairs, jieba's tags: v verb, a adjective, r pronoun, n noun…"""
    return [(pair.word, pair.flag) for pair in _jieba().posseg.cut(text or "", HMM=False)]


def warm_up():
    """Load the dictionary now (about a second) rather than in the first request that needs it."""
    tagged_words("加载词典")
