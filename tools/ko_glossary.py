"""The Korean glossary: one term per concept, and the variants that are wrong.

``resources/i18n/glossary_ko.tsv`` lists, per concept, the one Korean term and the
wrong variants as regular expressions (optionally with the Qt contexts where they are
right, such as "ops" for the tan function's 탄젠트).  ``violations`` finds them in
texts; ``korean_texts`` gathers every Korean text the app shows: the finished
translations of ``autodiff_ko.ts``, the Korean lessons and the Korean example titles.
``tools/update_translations.py --check`` fails on any violation.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "resources" / "i18n" / "glossary_ko.tsv"
TS = ROOT / "resources" / "i18n" / "autodiff_ko.ts"
LESSONS = ROOT / "resources" / "lessons" / "lessons_ko.json"
EXERCISES = ROOT / "resources" / "lessons" / "exercises_ko.json"
EXAMPLES = ROOT / "resources" / "examples" / "examples.json"


@dataclass(frozen=True)
class Entry:
    """One concept: its Korean term, the wrong variants, where they are allowed."""

    concept: str
    term: str
    wrong: tuple[re.Pattern[str], ...]
    allowed_in: frozenset[str] = frozenset()


def load(path: Path = GLOSSARY) -> list[Entry]:
    """The glossary's entries (comment lines start with #)."""
    entries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path.name}:{n}: expected concept, term, wrong variants")
        wrong = tuple(re.compile(p.strip()) for p in parts[2].split(" | ") if p.strip())
        allowed = frozenset(c.strip() for c in parts[3].split(",")) if len(parts) > 3 \
            else frozenset()
        entries.append(Entry(parts[0], parts[1], wrong, allowed))
    return entries


def korean_texts() -> list[tuple[str, str, str]]:
    """(where, context, text) of every Korean text: .ts, lessons, exercises, example
    titles."""
    found: list[tuple[str, str, str]] = []
    if TS.exists():
        for ctx in ET.parse(TS).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for m in ctx.iter("message"):
                tr = m.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                texts = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
                source = m.findtext("source") or ""
                for text in texts:
                    found.append((f"{TS.name} [{name}] {source!r}", name, text))
    lessons = json.loads(LESSONS.read_text(encoding="utf-8"))
    for lesson in lessons["lessons"]:
        found.append((f"{LESSONS.name} {lesson['id']}", "lessons", lesson["title"]))
        for k, page in enumerate(lesson["pages"], start=1):
            where = f"{LESSONS.name} {lesson['id']} page {k}"
            found.append((where, "lessons", page["title"]))
            found.append((where, "lessons", page["text"]))
    if EXERCISES.exists():  # every string of the Korean exercises (questions, hints...)
        def strings(value: object) -> list[str]:
            if isinstance(value, str):
                return [value]
            items = value.values() if isinstance(value, dict) else \
                value if isinstance(value, list) else []
            return [s for v in items for s in strings(v)]

        exercises = json.loads(EXERCISES.read_text(encoding="utf-8"))["lessons"]
        for lesson_id, items in exercises.items():
            for ex in items:
                where = f"{EXERCISES.name} {lesson_id} {ex.get('id')}"
                for text in strings({k: v for k, v in ex.items() if k in (
                        "question", "hints", "explain", "mistakes", "choices")}):
                    found.append((where, "lessons", text))
    for ex in json.loads(EXAMPLES.read_text(encoding="utf-8"))["examples"]:
        if "ko" in ex["title"]:
            found.append((f"{EXAMPLES.name} {ex['id']}", "examples", ex["title"]["ko"]))
    return found


def violations(texts: list[tuple[str, str, str]],
               entries: list[Entry] | None = None) -> list[str]:
    """One line per wrong variant found: where, the variant, the term to use."""
    entries = load() if entries is None else entries
    problems = []
    for where, context, text in texts:
        for e in entries:
            if context in e.allowed_in:
                continue
            for pattern in e.wrong:
                m = pattern.search(text)
                if m:
                    problems.append(f"{where}: {m.group(0)!r} → {e.term} ({e.concept})")
    return problems


def check() -> list[str]:
    """Every violation in the shipped Korean texts."""
    return violations(korean_texts())
