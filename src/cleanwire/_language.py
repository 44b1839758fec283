"""Stopword lists per language and a cheap language guess from them.

Stopword lists come from jusText (about 100 languages, installed with trafilatura).
Languages it lacks, Chinese and Japanese, ship as ``cleanwire/data/stopwords/*.txt``.
The guess counts, over the first tokens of a document, which language's stopwords
occur most; it needs no model and is deterministic.
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

# ISO 639-1 -> jusText stoplist name, for the codes users are likely to pass.
_JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "nl": "Dutch", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}
_CODES = {v: k for k, v in _JUSTEXT_NAMES.items() if k != "no"}
_OWN = ("zh", "ja")  # shipped by cleanwire itself

# How many leading tokens the guess looks at: enough for a stable vote, cheap on long pages.
GUESS_TOKENS = 400


def _justext_dir() -> Path:
    # Locate the stoplists without importing jusText itself: importing it pulls in lxml
    # (and lxml's html_clean), which the text path does not need.
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("cleanwire needs the justext package for its stopword lists")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """Case-folded stopwords of ``lang`` (ISO code or jusText name); empty if unknown."""
    if lang in _OWN:
        path = resources.files("cleanwire") / "data" / "stopwords" / f"{lang}.txt"
    else:
        name = _JUSTEXT_NAMES.get(lang, lang)
        path = _justext_dir() / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip())


# Bits per language in a packed vote count (see _vote): a count never exceeds GUESS_TOKENS.
COUNT_BITS = GUESS_TOKENS.bit_length()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, int], tuple[tuple[str, float], ...]]:
    """(stopword -> its packed votes, the (language, vote weight) of each packed field).

    Only languages with an ISO code take part in the guess: several of jusText's other
    lists (Marathi, Sundanese, Nepali...) contain hundreds of English words and, ties
    breaking alphabetically, used to win English pages (83 of WCXB-dev's pages were
    guessed "Marathi"). A vote weighs 1/ln(list size), so a 7,000-word list that
    happens to hold some English names (Finnish, Uzbek) does not outvote English's 450
    words on an English page (WCXB-dev: 1,246 -> 1,474 pages guessed English).

    Language ``k`` owns bits ``k * COUNT_BITS`` and up of one integer; a stopword's
    packed votes has a 1 in the field of every language listing it.
    """
    langs: list[tuple[str, float]] = []
    packed: dict[str, int] = {}
    for code in sorted(set(_CODES.values())) + list(_OWN):
        words = stopwords(code)
        if len(words) < 2:
            continue
        one = 1 << (len(langs) * COUNT_BITS)
        langs.append((code, 1.0 / math.log(len(words))))
        for w in words:
            packed[w] = packed.get(w, 0) | one
    return packed, tuple(langs)


def guess_language(tokens: list[str]) -> str | None:
    """The language whose stopwords cover most of ``tokens`` (case-folded), or None.

    Only alphabetic tokens vote: numbers and codes say nothing about the language.
    """
    return _vote(tuple(islice(filter(str.isalpha, tokens), GUESS_TOKENS)))


@lru_cache(maxsize=8)
def _vote(alpha: tuple[str, ...]) -> str | None:
    """``guess_language`` of the voting tokens (memoised: the re-check of the kept text
    usually reads the same tokens again).

    Each occurrence of a token is one vote for every language listing it. The votes
    are counted by adding the tokens' packed votes (``_index``): one C-level ``sum``
    counts all languages at once (a field cannot overflow: at most GUESS_TOKENS
    votes), where a loop over tokens and their languages cost ~3,600 Python steps per
    page. A language's score is its count times its weight.
    """
    packed, langs = _index()
    # (tokens no list holds are left out before the sum: adding 0 to a big int copies it)
    total = sum(filter(None, map(packed.get, alpha)))
    if not total:
        return None
    field = (1 << COUNT_BITS) - 1
    votes = [(count * weight, code) for k, (code, weight) in enumerate(langs) if (count := (total >> (k * COUNT_BITS)) & field)]
    # ties break alphabetically so the guess is deterministic
    return min(votes, key=lambda v: (-v[0], v[1]))[1]
