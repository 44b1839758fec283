"""Stopword lists per language and a cheap language guess from them.

Stopword lists come from jusText (about 100 languages, installed with trafilatura).
Languages it lacks, Chinese and Japanese, ship as ``cleanwire/data/stopwords/*.txt``.
The guess counts, over the first tokens of a document, which language's stopwords
occur most; it needs no model and is deterministic.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import lru_cache
from importlib import resources
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


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """stopword -> the languages that list it."""
    langs: dict[str, list[str]] = {}
    names = [p.name[:-4] for p in _justext_dir().iterdir() if p.name.endswith(".txt")]
    for name in sorted(names) + list(_OWN):
        code = _CODES.get(name, name)
        for w in stopwords(name if name not in _OWN else name):
            langs.setdefault(w, []).append(code)
    return {w: tuple(v) for w, v in langs.items()}


def guess_language(tokens: list[str]) -> str | None:
    """The language whose stopwords cover most of ``tokens`` (case-folded), or None."""
    index = _index()
    votes: Counter[str] = Counter()
    for tok in tokens[:GUESS_TOKENS]:
        for lang in index.get(tok, ()):
            votes[lang] += 1
    if not votes:
        return None
    # ties break alphabetically so the guess is deterministic
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
