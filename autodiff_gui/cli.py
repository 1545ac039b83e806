"""The command line: the headless face of Autodiff Studio, and the window's launcher.

    python main.py                                   the window, with the seed example
    python main.py --expr EXPR --at x=1 y=2 --json   one JSON object on stdout
    python main.py --load FILE --report              the traces and a comparison table

The ``--json`` object is a contract (see README): keys are only ever added.
Exit codes: 0 ok, 2 bad input (parse, values, files), 3 evaluation error (domain, shape).
No traceback reaches the user: every failure becomes a message or an error object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from .core.engine import EvalError, Program, Stepper, compile_graph
from .core.graph import Document, GraphError, as_value, gc_paused
from .core.narration import Narration
from .core.steps import BackwardStep

EXIT_OK, EXIT_INPUT, EXIT_EVAL = 0, 2, 3
HEADLESS_FLAGS = ("json", "report", "emit", "save", "save_backward")
EXPRESSION_LIMIT = 10_000  # characters of "expression" (longer ones end in "…")
# (input elements) × (nodes, or all the values' elements if more): the gradient check
# evaluates the graph about a dozen times per input element; beyond this it would
# take minutes, so --json and --report refuse (README, command line).
MAX_CHECK_WORK = 50_000_000


class CliError(Exception):
    """A failure to report: ``kind`` is parse, input, domain or shape."""

    def __init__(self, kind: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details

    @property
    def exit_code(self) -> int:
        return EXIT_EVAL if self.kind in ("domain", "shape") else EXIT_INPUT

    def to_json(self) -> dict[str, Any]:
        details = {k: v for k, v in self.details.items() if k != "display"}
        return {"error": {"kind": self.kind, "message": self.message, **details}}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError("input", message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python main.py",
        description="Autodiff Studio: watch automatic differentiation happen. With no "
                    "arguments the window opens; with --json, --report, --emit or --save "
                    "it runs headless.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--expr", metavar="EXPR", help="the function, e.g. '(x**2 + 2*x) * log(y)'")
    src.add_argument("--load", metavar="FILE", help="a saved graph (.adgraph.json)")
    p.add_argument("--at", nargs="+", default=[], metavar="NAME=VALUE",
                   help="input values: a number or a JSON array, e.g. x=1 'W=[[1,2],[3,4]]'")
    p.add_argument("--upstream", default="1", metavar="U",
                   help="upstream gradient (grad_tensors): a number or a JSON array (default 1)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--report", action="store_true",
                     help="print the forward and backward traces and a comparison table")
    out.add_argument("--emit", choices=("torch", "seed"),
                     help="print a runnable PyTorch script or a seed-notebook-style script")
    p.add_argument("--save", metavar="FILE", help="save the graph (with its values) to FILE")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    p.add_argument("--hessian", action="store_true",
                   help="with --json: add the Hessian, from the engine on the backward graph")
    p.add_argument("--symbolic", action="store_true",
                   help="with --json: add the symbolic derivatives, simplified, and their sizes")
    p.add_argument("--save-backward", metavar="FILE",
                   help="save the backward graph (its value: ∂f/∂ the first input) to FILE")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="open the window, save a picture of it and exit")
    p.add_argument("--steps", type=_step_count, default=0, metavar="N",
                   help="with --screenshot: advance N steps first")
    p.add_argument("--size", type=_window_size, metavar="WxH",
                   help="with --screenshot: the window size in logical pixels (default 1280x800)")
    p.add_argument("--lang", choices=("en", "ko"), help="interface language")
    p.add_argument("--export-progress", metavar="FILE",
                   help="write this user's lesson progress (kept by the window) as JSON to "
                        "FILE ('-': standard output) and exit")
    return p


def _step_count(text: str) -> int:
    """--steps N: a whole number ≥ 0 (-3 was taken silently as 0 steps)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of steps (0, 1, 2, …)")
    return n


def _window_size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not (sep and w.isdigit() and h.isdigit() and 200 <= int(w) <= 8000
            and 200 <= int(h) <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1600x1000")
    return int(w), int(h)


def parse_number_or_array(text: str, what: str) -> Any:
    """A command-line value: JSON (number or nested list) or a plain float; never eval."""
    try:
        raw = json.loads(text)
    except RecursionError:
        raise CliError("input", f"{what}: nested too deeply") from None
    except ValueError:
        try:
            raw = float(text)
        except ValueError:
            raise CliError("input", f"{what}: {text!r} is not a number or a JSON array") from None
    try:
        return as_value(raw)
    except ValueError as exc:
        raise CliError("input", f"{what}: {exc}") from None


def parse_assignments(items: Sequence[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CliError("input", f"--at takes NAME=VALUE, got {item!r}")
        values[name] = parse_number_or_array(text.strip(), f"value of {name}")
    return values


def load_document(args: argparse.Namespace, values: dict[str, Any], *,
                  require_values: bool = True) -> Document:
    """The document from --expr or --load, with --at values applied.

    Headless runs need a value for every input; the window starts missing ones at 1.
    """
    from .core import expr

    if args.expr is not None:
        try:
            doc = expr.parse(args.expr, values)
        except expr.ParseError as exc:
            raise CliError("parse", exc.message, position=exc.position, end=exc.end,
                           display=expr.format_error(args.expr, exc)) from None
        missing = [n for n in doc.inputs() if n not in values]
        if missing and require_values:
            raise CliError("input", "no value for " + ", ".join(missing) + ": add --at "
                           + " ".join(f"{n}=VALUE" for n in missing), names=missing)
    else:
        from .core import fileio

        try:
            doc = fileio.load(args.load)
        except fileio.FileFormatError as exc:
            raise CliError("input", exc.message, file=args.load) from None
    for name, value in values.items():
        node = doc.find_input(name)
        if node is None:
            raise CliError("input", f"there is no input called {name!r}",
                           inputs=list(doc.inputs()))
        doc.set_value(node, value)
    return doc


def _compile(doc: Document) -> Program:
    try:
        return compile_graph(doc)
    except GraphError as exc:
        raise CliError("input", exc.message, node=exc.node) from None


def _eval_error(exc: EvalError) -> CliError:
    return CliError(exc.kind, str(exc), node=exc.node, label=exc.label, op=exc.op,
                    inputs=[to_jsonable(v) for v in exc.inputs], **{"pass": exc.pass_name})


def to_jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def compute(doc: Document, upstream: Any, *, torch: bool = True,
            records: bool = False) -> dict[str, Any]:
    """Everything the JSON object and the report need, as a dict of plain values.

    ``records``: also run the stepper for the traces (``--report``); ``--json`` counts
    the steps from the program instead.
    """
    from .check import compare, finite_diff
    from .core import expr

    program = _compile(doc)
    _check_size(program)
    stepper = None
    try:
        value, gradient = program.gradient(upstream=upstream)
        if records:
            stepper = Stepper(program, upstream=upstream)
            stepper.run_to_end()
    except EvalError as exc:
        raise _eval_error(exc) from None
    except ValueError as exc:  # e.g. an upstream gradient of the wrong shape
        raise CliError("input", str(exc)) from None
    if stepper is not None and stepper.error is not None:
        raise _eval_error(stepper.error)
    result: dict[str, Any] = {
        "expression": expr.program_text(program, EXPRESSION_LIMIT),
        "inputs": dict(doc.input_values()),
        "value": value,
        "gradient": gradient,
        "upstream": as_value(upstream),
        "forward_mode": None,  # below, from the comparison's tangents when it can
        # One forward record per node, one backward record per operation an input feeds.
        "steps": {"forward": len(program.nodes), "backward": program.backward_steps},
        "_program": program, "_stepper": stepper,
    }
    try:
        comparison = compare.compare(program, None, upstream, use_torch=torch, nodes=False)
    except EvalError as exc:
        raise _eval_error(exc) from None
    result["_comparison"] = comparison
    try:
        result["forward_mode"] = _unscaled_forward_mode(program, comparison, upstream)
    except EvalError as exc:
        raise _eval_error(exc) from None
    result["_fd"] = comparison.check
    result["finite_difference"] = finite_diff.to_json(comparison.check)
    if torch:
        from .check import torch_ref

        result["_torch"] = comparison.torch_result
        result["torch"] = torch_ref.to_json(comparison.torch_result)
    else:
        result["torch"] = {"available": False, "reason": "skipped (--no-torch)"}
    result["comparison"] = compare.to_json(comparison)
    return result


def _unscaled_forward_mode(program: Program, comparison: Any, upstream: Any) -> dict[str, Any]:
    """``program.forward_mode_gradient()``: the comparison's tangents when they are the
    same numbers (upstream 1, every element done), else the engine's own passes."""
    u = as_value(upstream)
    rows = comparison.rows
    if np.ndim(u) or u != 1.0 or any(r.forward_mode is None for r in rows):
        return program.forward_mode_gradient()
    out: dict[str, Any] = {}
    leaves = program.leaves()
    for r in rows:
        if not r.index:
            out[r.name] = r.forward_mode
            continue
        if r.name not in out:
            out[r.name] = np.zeros(np.shape(leaves[program.input_index[r.name]]))
        out[r.name][r.index] = r.forward_mode
    return out


def _check_size(program: Program) -> None:
    """Refuse a check that would take minutes: see MAX_CHECK_WORK."""
    sizes = [int(np.size(v)) for v in program.leaves()]
    elements = sum(sizes[i] for i in program.input_index.values())
    work = elements * max(len(program.nodes), sum(sizes))
    if work > MAX_CHECK_WORK:
        raise CliError("input", f"too big to check: {elements:,} input elements × "
                       f"{len(program.nodes):,} nodes; the gradient check evaluates the "
                       f"graph about a dozen times per input element, and --json and "
                       f"--report refuse more than {MAX_CHECK_WORK:,} element-node pairs",
                       elements=elements, nodes=len(program.nodes), limit=MAX_CHECK_WORK)


def public(result: dict[str, Any]) -> dict[str, Any]:
    return to_jsonable({k: v for k, v in result.items() if not k.startswith("_")})


def _fmt6(value: Any) -> str:
    value = value + 0.0  # -0.0 becomes 0.0: "-0.000000" puzzles a reader
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, floatmode="fixed", separator=", ")
    # Six decimals like the notebook, unless they would hide the number or spell 150 digits.
    return f"{value:.6f}" if value == 0 or 1e-4 <= abs(value) < 1e12 else f"{value:.6e}"


def report(result: dict[str, Any]) -> str:
    """The human version: traces in the seed's words, then the comparison table."""
    stepper: Stepper = result["_stepper"]
    program = result["_program"]
    # A program says its own steps; f is its last one (or its final expression).
    head = result["expression"] if program.named else f"f = {result['expression']}"
    lines = [head, "", "Forward pass"]
    backward_started = False
    narration = Narration(result["_program"], stepper.records, result["upstream"])
    for r in stepper.records:
        if isinstance(r, BackwardStep) and not backward_started:
            lines += ["", "Backward pass"]
            backward_started = True
        text = narration.text(r)
        lines += ["  " + t for t in text.splitlines()]
    grads = result["gradient"]
    lines += ["", f"forward pass f(x) = {_fmt6(result['value'])}",
              "backward pass " + ", ".join(f"d{n} = {_fmt6(g)}" for n, g in grads.items()), ""]
    lines += comparison_table(result)
    return "\n".join(lines)


def comparison_table(result: dict[str, Any]) -> list[str]:
    """One row per input element: engine, forward mode, central, complex step, torch.

    The rows, errors and verdicts are ``check.compare``'s, as in the Compare panel.
    """
    comparison = result["_comparison"]
    fd = comparison.check
    torch_res = result.get("_torch")
    header = ("input", "engine", "fwd mode", "central", "complex", "PyTorch",
              "max abs err", "max rel err", "verdict")
    rows = []
    for r in comparison.rows:
        rows.append((r.label.replace(" ", ""), _g(r.engine), _g(r.forward_mode),
                     _g(r.central), _g(r.complex_step), _g(r.torch), _e(r.max_abs),
                     _e(r.max_rel), r.verdict))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["Comparison (tolerances: atol {atol:g}, rtol {rtol:g}; relative error "
           "|e - r| / max(|e|, |r|))".format(**fd.tolerances)]
    for r in [header, *rows]:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    out.append(f"verdict: {comparison.verdict}")
    if not fd.complex_available and fd.complex_reason:
        out.append(f"complex step: {fd.complex_reason}")
    if torch_res is not None and not torch_res.available:
        out.append(f"PyTorch: unavailable ({torch_res.reason})")
    elif torch_res is None:
        out.append("PyTorch: skipped (--no-torch)")
    for chk in fd.inputs:
        if chk.note:
            out.append(f"{chk.name}: {chk.note}")
    return out


def _e(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.1e}"


def _g(v: float | None) -> str:
    if v is None:
        return "n/a"
    return f"{v + 0.0:.10g}" if math.isfinite(v) else str(v)


def run_headless(args: argparse.Namespace) -> int:
    """Everything but the window: --json, --report, --emit, --save."""
    # One short run: the cyclic collector would only walk the big graph again and
    # again (a tenth of a 100,000-operation run) to find no garbage.
    with gc_paused():
        return _run_headless(args)


def _run_headless(args: argparse.Namespace) -> int:
    values = parse_assignments(args.at)
    doc = load_document(args, values)
    upstream = parse_number_or_array(args.upstream, "upstream gradient")
    if args.save is not None:
        from .core import fileio

        if not args.save.strip():
            raise CliError("input", "--save needs a file name")

        try:
            fileio.save(doc, args.save)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise CliError("input", f"cannot save {args.save}: {reason}") from None
    if args.save_backward is not None:
        _save_backward(doc, args.save_backward)
    if args.emit:
        from .check import codegen

        program = _compile(doc)
        make = codegen.torch_script if args.emit == "torch" else codegen.seed_script
        _out(make(program, upstream=upstream))
        return EXIT_OK
    if not (args.json or args.report):
        return EXIT_OK
    result = compute(doc, upstream, torch=not args.no_torch, records=args.report)
    _derivative_keys(doc, args, result)
    if args.json:
        _out(json.dumps(public(result), ensure_ascii=False) + "\n")
    else:
        _out(report(result) + "\n")
    return EXIT_OK


def _save_backward(doc: Document, path: str) -> None:
    """--save-backward FILE (cli_derivatives.py), with the contract's error kinds."""
    from . import cli_derivatives

    if not path.strip():
        raise CliError("input", "--save-backward needs a file name")
    try:
        cli_derivatives.save_backward(doc, path)
    except GraphError as exc:
        raise CliError("shape", exc.message, node=exc.node) from None
    except OSError as exc:
        raise CliError("input", f"cannot save {path}: {exc.strerror or exc}") from None


def _derivative_keys(doc: Document, args: argparse.Namespace, result: dict[str, Any]) -> None:
    """--hessian and --symbolic: keys added to the --json object (cli_derivatives.py)."""
    from . import cli_derivatives

    try:
        if args.hessian:
            result["hessian"] = cli_derivatives.hessian(doc)
        if args.symbolic:
            result["symbolic"] = cli_derivatives.symbolic(doc)
    except EvalError as exc:
        raise _eval_error(exc) from None
    except GraphError as exc:
        raise CliError("shape", exc.message, node=exc.node) from None


def _out(text: str) -> None:
    """Write to stdout; a reader that went away (``| head``) is not an error.

    The rest of the output is dropped quietly and the exit code stays what it would
    have been: stdout is pointed at the null device so the flush at exit cannot
    complain either.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # no real file descriptor (a test's capture)
            pass


def main(argv: Sequence[str]) -> int:
    """Run the command line; returns the process exit code."""
    wants_json = "--json" in argv
    try:
        args = build_parser().parse_args(list(argv))
        if args.export_progress is not None:
            return export_progress(args.export_progress, args.lang)
        # ``is not None``: ``--save ""`` is headless too (and refused there).
        headless = any(getattr(args, f) is not None and getattr(args, f) is not False
                       for f in HEADLESS_FLAGS) and not args.screenshot
        if headless:
            if args.expr is None and args.load is None:
                raise CliError("input", "give the function with --expr EXPR or --load FILE")
            return run_headless(args)
        return run_window(args)
    except CliError as exc:
        if wants_json:
            _out(json.dumps(to_jsonable(exc.to_json()), ensure_ascii=False) + "\n")
        else:
            print(f"error: {exc.message}", file=sys.stderr)
            if exc.details.get("display"):
                print(exc.details["display"], file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def export_progress(path: str, lang: str | None) -> int:
    """--export-progress: the progress the window keeps in this user's settings, as
    File ▸ Export Progress writes it (lesson titles in ``lang``, English by default)."""
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from .course.exercises import load_exercises
    from .course.lessons import LessonDataError, load_lessons
    from .course.progress import Progress
    from .ui.app.settings import Settings
    from .ui.app.startup import APP_NAME, ORG_DOMAIN, ORG_NAME

    if not path:
        raise CliError("input", "--export-progress needs a file name ('-' for standard output)")
    # The window's settings file: the same names the window's QApplication sets.
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationName(APP_NAME)
    from .ui.run.predict import predict_scores

    settings = Settings()
    progress = Progress.from_text(settings.progress_text())
    scores = {k: v.as_dict() for k, v in predict_scores(settings).items()}
    try:
        book = load_lessons(lang or "en")
        exercises = load_exercises(lang or "en", lesson_ids=book.ids())
    except LessonDataError as exc:
        raise CliError("input", exc.message) from None
    text = json.dumps(progress.export(book.lessons, exercises.lessons, language=book.language,
                                      predict=scores), ensure_ascii=False, indent=2) + "\n"
    if path == "-":
        _out(text)
        return 0
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError("input", f"cannot write {path}: {exc.strerror or exc}") from None
    return 0


def _has_display() -> bool:
    """False on a Linux machine with no screen and no platform chosen by the user."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _uses_xcb() -> bool:
    """Qt will pick its X11 plugin: Linux, an X display, no platform or Wayland chosen."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY"))


def run_window(args: argparse.Namespace) -> int:
    """Open the window (optionally on --expr/--load) or take a --screenshot."""
    document = None
    if args.expr is not None or args.load is not None:
        document = load_document(args, parse_assignments(args.at), require_values=False)
    if not _has_display():
        if not args.screenshot:
            raise CliError("input", "no display to open the window on (DISPLAY and "
                           "WAYLAND_DISPLAY are unset); set one, or use --json, --report "
                           "or --screenshot, which work headless")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    elif _uses_xcb():
        from .ui.app.platform_check import explain_missing, missing_xcb_libraries

        missing = missing_xcb_libraries()  # Qt would abort with a vague message
        if missing and args.screenshot:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        elif missing:
            raise CliError("input", explain_missing(missing), missing=missing)
    from .ui.app.startup import run_gui

    return run_gui(document=document, screenshot=args.screenshot, lang=args.lang,
                   steps=args.steps, size=args.size)
