"""Update the translation files: collect every user-facing string, keep what is
translated, build the ``.qm`` files.

Usage (from the repository root)::

    .venv/bin/python tools/update_translations.py          # update .ts, build .qm
    .venv/bin/python tools/update_translations.py --check  # list what is untranslated

What it collects, into ``resources/i18n/autodiff_<lang>.ts``:

* the UI: ``pyside6-lupdate`` over ``autodiff_gui/ui/**/*.py`` (``self.tr``,
  ``QCoreApplication.translate``, ``QT_TRANSLATE_NOOP``...);
* module helpers lupdate cannot see: a function such as
  ``def _tr(text): return QCoreApplication.translate("canvas", text)`` (or a lambda
  assigned to a name) makes every ``_tr("literal")`` in that module a message of
  that context, and after ``tr = QCoreApplication.translate`` every
  ``tr("Context", "literal")`` is one (lupdate misreads both as context-less
  messages, which are dropped);
* the core's message tables, read with ``ast`` (never imported, never run):
  ``MESSAGES`` of ``core/graph.py``, ``core/engine/base.py`` and ``core/session.py``
  (context "core"),
  ``core/ops/`` (context "ops": ``MESSAGES``, and the ``description=`` texts and
  derivative formulas that contain words), ``core/expr/tokens.py`` (context "expr") and
  ``TEMPLATES`` of ``core/narration.py`` (context "Narration");
* the reference checks' notes and reasons: ``MESSAGES`` of every
  ``autodiff_gui/check/**/*.py`` that has one (context "check"), read the same way;
* the course's texts: ``MESSAGES`` of every ``autodiff_gui/course/**/*.py`` that has
  one (context "course": predict mode's questions and diagnoses...).

Existing translations are kept (matched by context and source text); new strings
are added as unfinished; strings no longer in the sources are dropped and printed
with their translation, so nothing disappears unseen.  Running it twice changes
nothing the second time.  ``pyside6-lrelease`` then builds ``autodiff_<lang>.qm``
(unfinished messages stay English).

``--check`` writes nothing: it prints every message without a finished translation,
says if the ``.ts`` lacks messages of the code or holds messages no longer in it
(moved line numbers do not count), prints every Korean text (translations, lessons,
example titles) that uses a variant ``resources/i18n/glossary_ko.tsv`` calls wrong,
and exits 1 if any of these.

Translating: open the ``.ts`` in ``pyside6-linguist``, or edit the XML (fill the
``<translation>`` and drop ``type="unfinished"``); keep ``{name}``, ``%1`` and the
accelerator (Korean menus: ``파일(&F)``); then run this script again.
"""

from __future__ import annotations

import argparse
import ast
import fcntl
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import ko_glossary  # tools/ko_glossary.py: the Korean terms --check enforces

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "autodiff_gui" / "ui"
CORE_DIR = ROOT / "autodiff_gui" / "core"
CHECK_DIR = ROOT / "autodiff_gui" / "check"
CHECK_CONTEXT = "check"  # the context of every check module's MESSAGES
COURSE_DIR = ROOT / "autodiff_gui" / "course"
COURSE_CONTEXT = "course"  # the context of every course module's MESSAGES
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = {"ko": "ko_KR"}  # file suffix -> the language recorded in the .ts
# Core module -> (Qt context, names of its module-level template tables).
CORE_TABLES = {
    "graph.py": ("core", ("MESSAGES",)),
    "engine/base.py": ("core", ("MESSAGES",)),
    "session.py": ("core", ("MESSAGES",)),
    "expr/tokens.py": ("expr", ("MESSAGES",)),
    "expr/program.py": ("expr", ("MESSAGES",)),
    "fileio.py": ("fileio", ("MESSAGES",)),
    "narration.py": ("Narration", ("TEMPLATES",)),
    "backward_graph.py": ("backward", ("MESSAGES",)),
    "composite.py": ("composite", ("MESSAGES",)),
    "composite_rules.py": ("composite_rules", ("MESSAGES",)),
}
# Words in op descriptions and formulas that are mathematics, not English.
MATH_WORDS = {"ln", "sign", "max", "min", "exp", "log", "sqrt", "sin", "cos", "tan", "abs",
              "tanh", "sigmoid", "relu", "sum", "mean", "matmul", "pow", "div", "mul", "add",
              "sub", "neg", "sinh", "cosh", "asin", "acos", "atan"}


@dataclass
class Message:
    """One translatable text of one context."""

    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


# -- collecting -----------------------------------------------------------------------

def tool(name: str) -> Path:
    """A PySide6 tool next to this Python (the venv's bin), else on PATH."""
    here = Path(sys.executable).with_name(name)
    return here if here.exists() else Path(name)


def relative(path: Path, ts_dir: Path) -> str:
    return Path(*([".."] * len(ts_dir.relative_to(ROOT).parts)),
                path.relative_to(ROOT)).as_posix()


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def run_lupdate(sources: list[Path]) -> list[Message]:
    """What lupdate finds in ``sources`` (read from a fresh temporary .ts)."""
    with tempfile.TemporaryDirectory() as tmp:
        # Placed like the real file so that locations come out relative to it.
        ts = Path(tmp) / "fresh.ts"
        cmd = [str(tool("pyside6-lupdate")), "-silent", "-no-obsolete", "-locations",
               "absolute", *[str(s) for s in sources], "-ts", str(ts)]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        messages = []
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for m in ctx.iter("message"):
                msg = Message(name, m.findtext("source") or "", m.findtext("comment") or "",
                              m.get("numerus") == "yes")
                for loc in m.iter("location"):
                    path = (ts.parent / loc.get("filename", "")).resolve()
                    msg.locations.append((str(path), int(loc.get("line", "0"))))
                messages.append(msg)
        return messages


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _translate_context(node: ast.AST, param: str) -> str | None:
    """``QCoreApplication.translate("ctx", param)`` -> "ctx"."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "translate" and len(node.args) == 2:
        ctx = _literal(node.args[0])
        arg = node.args[1]
        if ctx is not None and isinstance(arg, ast.Name) and arg.id == param:
            return ctx
    return None


def _first_param(fn: ast.FunctionDef | ast.Lambda) -> str | None:
    names = [a.arg for a in fn.args.args if a.arg not in ("self", "cls")]
    return names[0] if names else None


def _passes_on(body: ast.AST, param: str, aliases: dict[str, str]) -> str | None:
    """The context if ``body`` hands ``param`` to ``translate`` or to a known helper."""
    for node in ast.walk(body):
        if not isinstance(node, ast.Call):
            continue
        ctx = _translate_context(node, param)
        if ctx:
            return ctx
        if isinstance(node.func, ast.Name) and aliases.get(node.func.id) and node.args \
                and isinstance(node.args[0], ast.Name) and node.args[0].id == param:
            return aliases[node.func.id]
    return None


def helper_aliases(tree: ast.Module) -> dict[str, str]:
    """Helpers that translate their first argument in a fixed context (``_tr(text)``,
    ``_refused(text, node)`` calling ``_tr(text)``...), and (mapped to "") names bound
    to ``QCoreApplication.translate`` itself."""
    aliases: dict[str, str] = {}
    functions: list[tuple[str, ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "translate":
            for target in node.targets:
                if isinstance(target, ast.Name):
                    aliases[target.id] = ""  # tr = QCoreApplication.translate
        elif isinstance(node, ast.FunctionDef):
            param = _first_param(node)
            if param:
                functions.append((node.name, node, param))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            param = _first_param(node.value)
            if param:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        functions.append((target.id, node.value.body, param))
    changed = True
    while changed:  # helpers of helpers
        changed = False
        for name, body, param in functions:
            if name not in aliases:
                ctx = _passes_on(body, param, aliases)
                if ctx:
                    aliases[name] = ctx
                    changed = True
    return aliases


def helper_messages(path: Path) -> list[Message]:
    """``_tr("literal")`` calls of the module's translate helpers, and
    ``tr("context", "literal")`` where ``tr = QCoreApplication.translate``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases = helper_aliases(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in aliases):
            continue
        context = aliases[node.func.id]
        args = [_literal(a) for a in node.args]
        if context and args and args[0]:
            found.append(Message(context, args[0], locations=[(str(path), node.lineno)]))
        elif not context and len(args) >= 2 and args[0] and args[1]:
            found.append(Message(args[0], args[1], locations=[(str(path), node.lineno)]))
    return found


def _has_words(text: str) -> bool:
    """True if ``text`` has English words (not only symbols, letters and function names)."""
    return any(w.lower() not in MATH_WORDS for w in re.findall(r"[A-Za-z]{2,}", text))


def table_messages(tree: ast.Module, path: Path, context: str,
                   tables: tuple[str, ...]) -> list[Message]:
    """The string values of the module-level dicts named ``tables``."""
    found: list[Message] = []
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1
            else None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id in tables \
                and isinstance(value, ast.Dict):
            for v in value.values:
                text = _literal(v) if v is not None else None
                if text:
                    found.append(Message(context, text, locations=[(str(path), v.lineno)]))
    return found


def core_messages() -> list[Message]:
    """The core's template tables (and op texts), read with ast."""
    found: list[Message] = []
    for name, (context, tables) in CORE_TABLES.items():
        path = CORE_DIR / name
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += table_messages(tree, path, context, tables)
    # The primitive table: every family module of core/ops/, its MESSAGES and op texts.
    for path in sorted((CORE_DIR / "ops").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += table_messages(tree, path, "ops", ("MESSAGES",))
        found += op_texts(tree, path)
    return found


def check_messages() -> list[Message]:
    """``MESSAGES`` of the reference checks (finite differences, PyTorch), read with ast."""
    found: list[Message] = []
    for path in sorted(CHECK_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += table_messages(tree, path, CHECK_CONTEXT, ("MESSAGES",))
    return found


def course_messages() -> list[Message]:
    """``MESSAGES`` of the course modules (predict mode's diagnoses...), read with ast."""
    found: list[Message] = []
    for path in sorted(COURSE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += table_messages(tree, path, COURSE_CONTEXT, ("MESSAGES",))
    return found


def op_texts(tree: ast.Module, path: Path) -> list[Message]:
    """Op descriptions and derivative formulas that contain words."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for kw in node.keywords:
            if kw.arg == "description":
                text = _literal(kw.value)
                if text and _has_words(text):
                    found.append(Message("ops", text, locations=[(str(path), kw.value.lineno)]))
        for kw in node.keywords:  # what flows back, said by the narration (its context)
            if kw.arg == "backward_texts" and isinstance(kw.value, ast.Tuple):
                for elt in kw.value.elts:
                    text = _literal(elt)
                    if text and _has_words(text):
                        found.append(Message("Narration", text,
                                             locations=[(str(path), elt.lineno)]))
        for kw in node.keywords:  # the kink's convention and place, said by the narration
            elts = kw.value.elts[1:] if kw.arg == "kink" and isinstance(kw.value, ast.Tuple) \
                else [kw.value] if kw.arg == "kink_place" else []
            for elt in elts:
                text = _literal(elt)
                if text and _has_words(text):
                    found.append(Message("Narration", text,
                                         locations=[(str(path), elt.lineno)]))
        formulas = [kw.value for kw in node.keywords if kw.arg == "formulas"]
        # elementwise(name, symbol, group, slots, fwd_s, fwd_a, part_s, part_a, formulas, ...)
        if isinstance(node.func, ast.Name) and node.func.id == "elementwise" \
                and len(node.args) > 8:
            formulas.append(node.args[8])
        for tup in formulas:
            if isinstance(tup, ast.Tuple):
                for elt in tup.elts:
                    text = _literal(elt)
                    if text and _has_words(text):
                        found.append(Message("ops", text, locations=[(str(path), elt.lineno)]))
    return found


def collect() -> list[Message]:
    """Every message, merged by (context, source, comment), in a stable order."""
    merged: dict[tuple[str, str, str], Message] = {}
    sources = ui_sources()
    # A message without a context is lupdate reading a helper call (tr = translate;
    # _tr(text)) as tr(source, disambiguation): those come from helper_messages.
    everything = [m for m in run_lupdate(sources) if m.context]
    for path in sources:
        everything += helper_messages(path)
    everything += core_messages()
    everything += check_messages()
    everything += course_messages()
    for msg in everything:
        have = merged.get(msg.key)
        if have is None:
            merged[msg.key] = Message(msg.context, msg.source, msg.comment, msg.numerus,
                                      list(msg.locations))
        else:
            have.locations += [loc for loc in msg.locations if loc not in have.locations]
    for msg in merged.values():
        msg.locations.sort()
    return sorted(merged.values(), key=lambda m: (m.context, m.locations[:1], m.source))


# -- the .ts file -------------------------------------------------------------------------

@dataclass
class Translation:
    """What a .ts says for one message: the text (or plural forms) and whether finished."""

    text: str = ""
    forms: list[str] = field(default_factory=list)
    finished: bool = False


def read_ts(path: Path) -> dict[tuple[str, str, str], Translation]:
    if not path.exists():
        return {}
    found = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None:
                continue
            kind = tr.get("type", "")
            forms = [f.text or "" for f in tr.iter("numerusform")]
            text = (tr.text or "") if not forms else ""
            finished = kind not in ("unfinished", "vanished", "obsolete") and \
                bool(text or any(forms))
            key = (name, m.findtext("source") or "", m.findtext("comment") or "")
            found[key] = Translation(text, forms, finished)
    return found


def render_ts(messages: list[Message], known: dict[tuple[str, str, str], Translation],
              language: str, ts_dir: Path) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    context = None
    for msg in messages:
        if msg.context != context:
            if context is not None:
                out.append("</context>")
            out += ["<context>", f"    <name>{escape(msg.context)}</name>"]
            context = msg.context
        numerus = ' numerus="yes"' if msg.numerus else ""
        out.append(f"    <message{numerus}>")
        for file, line in msg.locations:
            name = relative(Path(file), ts_dir)
            out.append(f"        <location filename={quoteattr(name)} line=\"{line}\"/>")
        out.append(f"        <source>{escape(msg.source)}</source>")
        if msg.comment:
            out.append(f"        <comment>{escape(msg.comment)}</comment>")
        t = known.get(msg.key, Translation())
        kind = "" if t.finished else ' type="unfinished"'
        if msg.numerus:
            forms = t.forms or [t.text]
            out.append(f"        <translation{kind}>")
            out += [f"            <numerusform>{escape(f)}</numerusform>" for f in forms]
            out.append("        </translation>")
        else:
            out.append(f"        <translation{kind}>{escape(t.text)}</translation>")
        out.append("    </message>")
    if context is not None:
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out) + "\n"


def untranslated(messages: list[Message],
                 known: dict[tuple[str, str, str], Translation]) -> list[Message]:
    return [m for m in messages if not known.get(m.key, Translation()).finished]


def release(ts: Path, qm: Path) -> None:
    subprocess.run([str(tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list untranslated messages; exit 1 if any")
    parser.add_argument("--no-release", action="store_true", help="do not build the .qm files")
    parser.add_argument("--fill", action="append", default=[], metavar="TSV",
                        help="add translations from a file of lines 'context<TAB>source<TAB>"
                             "translation' (\\n for a line break); may be repeated")
    args = parser.parse_args(argv)
    with open(I18N_DIR / ".lock", "a") as lock:  # several writers at once wait their turn
        fcntl.flock(lock, fcntl.LOCK_EX)
        return update(args)


def read_fill(paths: list[str]) -> dict[tuple[str, str, str], Translation]:
    """Translations given as TSV lines: ``context, source, translation``."""
    found: dict[tuple[str, str, str], Translation] = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            context, source, text = (part.replace("\\n", "\n")
                                     for part in line.split("\t", 2))
            found[(context, source, "")] = Translation(text, [], bool(text))
    return found


def update(args: argparse.Namespace) -> int:
    messages = collect()
    filled = read_fill(args.fill)
    status = 0
    for suffix, language in LANGUAGES.items():
        ts = I18N_DIR / f"autodiff_{suffix}.ts"
        known = read_ts(ts)
        known.update(filled)
        text = render_ts(messages, known, language, I18N_DIR)
        missing = untranslated(messages, known)
        current = {m.key for m in messages}
        dropped = [(k, t) for k, t in known.items() if k not in current]
        if args.check:
            # New or vanished messages count; moved line numbers do not.
            if not ts.exists() or current != set(known):
                print(f"{ts.relative_to(ROOT)} is out of date: run tools/update_translations.py")
                status = 1
            for m in missing:
                where = ", ".join(f"{relative(Path(f), ROOT)}:{n}" for f, n in m.locations[:2])
                print(f"untranslated [{m.context}] {m.source!r}  ({where})")
            if missing:
                print(f"{len(missing)} of {len(messages)} messages have no finished "
                      f"{language} translation")
                status = 1
            if suffix == "ko":  # one term per concept (resources/i18n/glossary_ko.tsv)
                for problem in ko_glossary.check():
                    print(f"glossary: {problem}")
                    status = 1
            continue
        I18N_DIR.mkdir(parents=True, exist_ok=True)
        ts.write_text(text, encoding="utf-8")
        for (ctx, source, _comment), t in dropped:
            if t.text or any(t.forms):
                print(f"dropped [{ctx}] {source!r}, translated {t.text or t.forms!r}")
        print(f"{ts.relative_to(ROOT)}: {len(messages)} messages, {len(missing)} untranslated")
        if not args.no_release:
            release(ts, ts.with_suffix(".qm"))
            print(f"built {ts.with_suffix('.qm').relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
