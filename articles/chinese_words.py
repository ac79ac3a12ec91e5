"""Chinese text cut into words (jieba), for the word-level diff and the proofreading checks."""

import logging

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to log


def words(text):
    return list(jieba.cut(text or "", HMM=False))


def tagged_words(text):
    """(word, part-of-speech tag) pairs, jieba's tags: v verb, a adjective, r pronoun, n noun…"""
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text or "", HMM=False)]


def warm_up():
    """Load the dictionary now (about a second) rather than in the first request that needs it."""
    tagged_words("加载词典")
