"""Every word the guide itself prints, in the unit's language.

The words live in one catalogue per language, ``studyguide/locales/<tag>.yaml``, that a
teacher can read and correct. Code never prints an English literal: it asks

    words = labels_for(unit.language, unit_overrides)
    words("review_questions")                 # "Review questions" / "Preguntas de repaso"
    words("page_of", page=3, total=12)        # "Page 3 of 12"
    words.plural("points", 2)                 # "2 points" (CLDR plural rules, via Babel)

A new printed word is a new key in en.yaml (and, ideally, every other catalogue; a key
missing from one falls back to English). See CONTRIBUTING.md, "Languages and words".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

DEFAULT = "en"
# Tags that name a catalogue's language by another spelling (the script is what matters).
ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans-cn": "zh-Hans"}


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    """Tags of the shipped catalogues, sorted."""
    folder = resources.files(__package__).joinpath("locales")
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")))


def resolve(tag: str) -> str | None:
    """The catalogue for a BCP 47 tag: exact, alias, or its primary language ('pt-BR' ->
    'pt'); None when no catalogue fits (the caller falls back to English and warns)."""
    by_lower = {t.lower(): t for t in available()}
    low = tag.strip().lower()
    if low in by_lower:
        return by_lower[low]
    if low in ALIASES:
        return ALIASES[low]
    primary = low.split("-")[0]
    if primary == "zh":  # Traditional Chinese is another script: no silent substitution
        return None
    return by_lower.get(primary)


@lru_cache(maxsize=None)
def _catalogue(tag: str) -> dict[str, Any]:
    import yaml

    text = resources.files(__package__).joinpath("locales", f"{tag}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("words"), dict):
        raise ValueError(f"locales/{tag}.yaml: expected a mapping with 'words'")
    return data


def keys() -> tuple[str, ...]:
    """Every word key (the English catalogue defines them all)."""
    return tuple(_catalogue(DEFAULT)["words"])


def english_words() -> dict[str, str]:
    """key -> the English word (plural words: their 'other' form), for the unit schema."""
    return {k: str(v["other"] if isinstance(v, dict) else v) for k, v in _catalogue(DEFAULT)["words"].items()}


def placeholders(text: str) -> set[str]:
    """The {names} a word fills in."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Labels:
    """The words of one guide: a catalogue, English beneath it, the unit's overrides above."""

    language: str                        # the catalogue used ('en' for an unknown tag)
    words: Mapping[str, Any]
    dates_locale: str                    # CLDR locale for month names and date order
    rtl: bool = False
    overrides: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, key: str, **fields: Any) -> str:
        """The word for `key`, its {placeholders} filled from `fields`."""
        value = self.overrides.get(key, self.words[key])
        if isinstance(value, dict):
            raise TypeError(f"'{key}' has plural forms: use Labels.plural")
        return str(value).format(**fields) if fields else str(value)

    def plural(self, key: str, n: int, **fields: Any) -> str:
        """The form of `key` for the number n, by the language's CLDR plural rules."""
        value = self.overrides.get(key, self.words[key])
        if isinstance(value, str):
            return value.format(n=n, **fields)
        form = "one" if n == 1 else "other"
        if self.language != DEFAULT:
            from babel import Locale

            form = Locale.parse(self.dates_locale).plural_form(n)
        return str(value.get(form, value["other"])).format(n=n, **fields)

    @property
    def is_default(self) -> bool:
        return self.language == DEFAULT and not self.overrides


@lru_cache(maxsize=64)
def _labels(tag: str, overrides: tuple[tuple[str, str], ...]) -> Labels:
    name = resolve(tag) or DEFAULT
    base = _catalogue(DEFAULT)
    cat = _catalogue(name)
    words = {**base["words"], **cat["words"]}
    return Labels(name, words, cat.get("dates", base["dates"]), cat.get("direction") == "rtl",
                  dict(overrides))


def labels_for(language: str = DEFAULT, overrides: Mapping[str, str] | None = None) -> Labels:
    """The words for a unit's `language` (unknown tags: English) and its `labels` overrides."""
    return _labels(language, tuple(sorted((overrides or {}).items())))


def unit_labels(unit: Any) -> Labels:
    """The words of a unit model (its `language` and, where present, its `labels`)."""
    return labels_for(getattr(unit, "language", DEFAULT), dict(getattr(unit, "labels", None) or ()))
