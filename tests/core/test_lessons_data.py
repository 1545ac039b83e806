"""The lesson and example files: valid, parallel across languages, numerically right.

The files are data, checked by ``core.lessons``: these tests load the shipped
files, compare the languages page by page, check every example against PyTorch
and feed the loader broken data to see that it says what is wrong and where.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.steps import BackwardStep, narrate
from autodiff_gui.course import lessons as L

LANGS = ("en", "ko")


@pytest.fixture(scope="module")
def examples() -> dict[str, L.Example]:
    return L.load_examples()


@pytest.fixture(scope="module")
def books(examples) -> dict[str, L.LessonBook]:
    return {lang: L.load_lessons(lang, examples=examples) for lang in LANGS}


def raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_both_language_files_load_and_are_parallel(books):
    en, ko = books["en"], books["ko"]
    assert en.language == "en" and ko.language == "ko"
    assert en.ids() == ko.ids() == ["numerical", "tensors", "autograd", "by_hand", "modes",
                                    "neuron", "arrays"]
    assert L.parallel_differences(en, ko) == []
    for le, lk in zip(en.lessons, ko.lessons):
        assert [len(le.pages)] == [len(lk.pages)]
        for pe, pk in zip(le.pages, lk.pages):
            assert pe.actions() == pk.actions()
            assert pe.text != pk.text  # translated, not copied
    # The Korean file really is Korean.
    assert any("\uac00" <= ch <= "\ud7a3" for ch in ko.lessons[0].pages[0].text)


def test_parallel_differences_names_the_page(books):
    ko = books["ko"]
    lesson = ko.lessons[3]
    pages = list(lesson.pages)
    pages[2] = L.Page(**{**pages[2].__dict__, "until_step": 10})
    changed = L.LessonBook("ko", ko.lessons[:3] + (L.Lesson(lesson.id, lesson.title,
                                                            tuple(pages)),) + ko.lessons[4:])
    problems = L.parallel_differences(books["en"], changed)
    assert problems == ["lesson 'by_hand', page 3: until_step 9 vs 10"]


def test_language_files_fall_back_to_english():
    assert L.lessons_path("ko_KR").name == "lessons_ko.json"
    assert L.lessons_path("ko").name == "lessons_ko.json"
    assert L.lessons_path("fr").name == "lessons_en.json"
    assert L.load_lessons("de").language == "en"
    assert L.available_languages()[0] == "en" and "ko" in L.available_languages()


def test_every_example_matches_pytorch(examples):
    from autodiff_gui.check import torch_ref

    ok, why = torch_ref.torch_status()
    if not ok:
        pytest.skip(why)
    assert len(examples) >= 10
    for ex in examples.values():
        doc = ex.document()
        program = compile_graph(doc)
        value, grads = program.gradient()
        assert set(grads) == set(ex.inputs), ex.id
        ref = torch_ref.compare(program)
        assert ref.error is None, (ex.id, ref.error)
        np.testing.assert_allclose(ref.value, value, rtol=1e-10, atol=1e-14, err_msg=ex.id)
        for name, g in grads.items():
            np.testing.assert_allclose(ref.gradient[name], g, rtol=1e-10,
                                       err_msg=f"{ex.id}: d/d{name}")
            # No gradient that is 0 only up to rounding: the Compare table would show a
            # relative error of 1 beside "pass", which alarms a class.
            assert np.all((np.abs(g) > 1e-12) | (g == 0)), (ex.id, name, g)


def test_example_titles_and_training_defaults(examples):
    for ex in examples.values():
        assert ex.title("en") and ex.title("ko") != ex.title("en")
        assert ex.title("fr") == ex.title("en")
        assert set(ex.values) == set(ex.inputs)
    assert examples["neuron"].trainable == ("w", "b")
    assert examples["many_inputs"].title("en").endswith("u·v + p·q")


def test_lesson_numbers_are_the_engines(books, examples):
    """The numbers the texts promise: seed and upstream 2, neuron, broadcasting."""
    seed = compile_graph(examples["seed"].document())
    _, g = seed.gradient(upstream=2.0)
    assert round(g["x"], 4) == 5.5452 and g["y"] == pytest.approx(3.0)
    neuron = compile_graph(examples["neuron"].document())
    loss, g = neuron.gradient()
    assert loss == 0.25 and g["w"] == -0.5 and g["b"] == -0.25
    _, g = compile_graph(examples["broadcast"].document()).gradient()
    assert g["w"].tolist() == [5.0, 7.0, 9.0] and g["b"] == 6.0
    _, g = compile_graph(examples["matmul_mean"].document()).gradient()
    np.testing.assert_allclose(g["v"], [3.0, 4.0])


def test_by_hand_quotes_are_the_engines_narration(books, examples):
    """Lesson 4's quotes appear among the narrated steps up to its ``until_step``
    (the narration panel shows the current step and the six before it)."""
    lesson = books["en"].lesson("by_hand")
    ex = examples["seed_times"]
    program = compile_graph(ex.document())
    stepper = Stepper(program)
    lines: list[str] = []
    while (rec := stepper.next()) is not None:
        seed = isinstance(rec, BackwardStep) and rec.node == program.output_node
        lines.append(narrate(rec, upstream_seed=seed))
    for page in lesson.pages:
        if page.until_step is None:
            continue
        shown = "\n".join(lines[max(0, page.until_step - 7):page.until_step])
        for quote in page.quotes:
            assert quote in shown, (page.title, quote)


# -- validation ------------------------------------------------------------------------

def lessons_data() -> dict:
    return raw(L.LESSONS_DIR / "lessons_en.json")


def check_error(data: dict, examples, *fragments: str) -> str:
    with pytest.raises(L.LessonDataError) as info:
        L.parse_lessons(data, examples, "lessons_en.json")
    message = info.value.message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_unknown_key_missing_field_and_unknown_example_are_named(examples):
    data = lessons_data()
    bad = copy.deepcopy(data)
    bad["lessons"][3]["pages"][1]["untill_step"] = 8
    check_error(bad, examples, "lesson 'by_hand', page 2", "unknown key 'untill_step'")
    bad = copy.deepcopy(data)
    del bad["lessons"][0]["pages"][0]["text"]
    check_error(bad, examples, "lesson 'numerical', page 1", "missing 'text'")
    bad = copy.deepcopy(data)
    bad["lessons"][5]["pages"][0]["example"] = "neurone"
    check_error(bad, examples, "lesson 'neuron', page 1", "unknown example 'neurone'")
    bad = copy.deepcopy(data)
    bad["lessons"][1]["id"] = "numerical"
    check_error(bad, examples, "the id is used twice")
    bad = copy.deepcopy(data)
    bad["extra"] = 1
    check_error(bad, examples, "unknown key 'extra'")
    bad = copy.deepcopy(data)
    bad["format"] = "something-else"
    check_error(bad, examples, "'format'")


@pytest.mark.parametrize("change, fragment", [
    ({"values": {"z": 1.0}}, "not an input of the example"),
    ({"values": {"x": True}}, "must be a number"),
    ({"values": {"x": [[1, 2], [3]]}}, "value of 'x'"),
    ({"mode": "sideways"}, "'mode' must be one of"),
    ({"mode": "reverse", "wrt": "x"}, "'wrt' goes with"),
    ({"mode": "forward", "wrt": "q"}, "'wrt' must name an input"),
    ({"until_step": 0}, "positive whole number"),
    ({"until_step": 3}, "needs a 'point_at'"),
    ({"show": "plots:pie"}, "'show' must be one of"),
    ({"plot_input": "x"}, "goes with a \"plots:"),
    ({"quotes": "0.5"}, "'quotes' must be a list"),
    ({"upstream": "2"}, "'upstream' must be a number"),
])
def test_bad_page_fields_are_refused(examples, change, fragment):
    data = lessons_data()
    page = data["lessons"][3]["pages"][0]  # by_hand, page 1: example seed_times
    page.update(change)
    check_error(data, examples, "lesson 'by_hand', page 1", fragment)


def test_fields_that_need_an_example(examples):
    data = lessons_data()
    page = data["lessons"][4]["pages"][2]  # modes, page 3: no example
    page["mode"] = "forward"
    check_error(data, examples, "need an 'example'")


def test_bad_examples_are_refused():
    data = raw(L.EXAMPLES_PATH)
    good = L.parse_examples(copy.deepcopy(data))
    assert "seed" in good
    cases = [
        (lambda d: d["examples"][0].update(expression="x +* y"), "does not parse"),
        (lambda d: d["examples"][0]["values"].pop("y"), "lacks 'y'"),
        (lambda d: d["examples"][0]["values"].update(q=1.0), "not an input"),
        (lambda d: d["examples"][0].update(title={"ko": "씨앗"}), "'en' entry"),
        (lambda d: d["examples"][0].update(trainable=["q"]), "'trainable'"),
        (lambda d: d["examples"][0].update(code="import os"), "unknown key 'code'"),
        (lambda d: d["examples"].append(copy.deepcopy(d["examples"][0])), "used twice"),
        (lambda d: d.update(version=2), "not supported"),
    ]
    for mutate, fragment in cases:
        bad = copy.deepcopy(data)
        mutate(bad)
        with pytest.raises(L.LessonDataError) as info:
            L.parse_examples(bad)
        assert fragment in info.value.message, (fragment, info.value.message)
        assert "examples.json" in info.value.message


def test_files_are_json_only(tmp_path):
    path = tmp_path / "lessons_en.json"
    path.write_text("{'format': __import__('os').system('echo hi')}", encoding="utf-8")
    with pytest.raises(L.LessonDataError, match="not valid JSON"):
        L.load_lessons(path=path)
    with pytest.raises(L.LessonDataError, match="cannot read"):
        L.load_examples(tmp_path / "missing.json")


def test_example_document_and_values_differ(examples):
    doc = examples["seed"].document({"x": 3.0})
    assert doc.input_values() == {"x": 3.0, "y": 2.0}
    assert not L.values_differ(1.0, 1.0) and L.values_differ(1.0, 1.5)
    assert L.values_differ(np.array([1.0, 2.0]), 1.0)
    assert not L.values_differ(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
