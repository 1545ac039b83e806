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
from autodiff_gui.core.narration import Narration, narrate
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
    # Each lesson starts from its own example (not the previous lesson's graph).
    firsts = [lesson.pages[0].example for lesson in en.lessons]
    assert None not in firsts and len(set(firsts)) == len(firsts), firsts
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
    assert problems == ["lesson 'by_hand', page 3: until_step 8 vs 10"]


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
    # The notebook's cells in order, .grad not zeroed: 1·∂f/∂x, then 2·∂f/∂x on top.
    _, g1 = seed.gradient(upstream=1.0)
    assert round(g1["x"] + g["x"], 4) == 8.3178 and g1["y"] + g["y"] == pytest.approx(4.5)
    page = books["en"].lesson("autograd").pages[4]
    assert "8.3178" in page.text and "2.7726 + 5.5452" in page.text
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
    narration = Narration(program)
    lines: list[str] = []
    while (rec := stepper.next()) is not None:
        lines.append(narrate(rec, narration=narration))
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
    page = data["lessons"][3]["pages"][1]  # by_hand, page 2: example seed_times
    page.update(change)
    check_error(data, examples, "lesson 'by_hand', page 2", fragment)


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


# -- the numerical-differentiation lesson ------------------------------------------------

def test_numdiff_table_shows_the_orders_and_the_quoted_errors(books, examples):
    """Forward error ∝ h, central ∝ h², Richardson ∝ h⁴: the ratio of the errors at 10·h
    and h says it; the numbers page 2 quotes are the table's."""
    from autodiff_gui.course import numdiff

    s = numdiff.scalar_slice(compile_graph(examples["sin_central"].document()))
    assert s is not None and s.name == "x" and s.exact == pytest.approx(np.cos(1.0))
    rows = {r.method: r for r in numdiff.method_rows(s, 0.01)}
    assert rows["forward"].ratio == pytest.approx(10, rel=0.05)
    assert rows["backward"].ratio == pytest.approx(10, rel=0.05)
    assert rows["central"].ratio == pytest.approx(100, rel=0.05)
    assert rows["richardson"].ratio == pytest.approx(1e4, rel=0.05)
    assert rows["complex_step"].ratio == pytest.approx(100, rel=0.05)
    at = {h: {r.method: f"{r.error:.2e}" for r in numdiff.method_rows(s, h)}
          for h in (0.1, 0.01)}
    assert (at[0.1]["forward"], at[0.1]["central"]) == ("4.29e-02", "9.00e-04")
    assert (at[0.01]["forward"], at[0.01]["central"]) == ("4.22e-03", "9.00e-06")
    page = books["en"].lesson("numerical").pages[1]
    assert page.show == "numdiff:table" and page.quotes == ("4.29e-02", "9.00e-04")
    for number in ("4.29e-02", "9.00e-04", "4.22e-03", "9.00e-06"):
        assert number in page.text and number in books["ko"].lesson("numerical").pages[1].text
    # The secant's slope is the forward difference; it tends to the tangent's.
    assert abs(numdiff.secant_slope(s, 1e-3) - s.exact) < abs(numdiff.secant_slope(s, 0.5)
                                                               - s.exact)
    # Not analytic: no complex step, the other methods still work.
    kink = numdiff.scalar_slice(compile_graph(examples["relu_kink"].document({"x": 1.0})))
    rows = {r.method: r for r in numdiff.method_rows(kink, 0.1)}
    assert rows["complex_step"].estimate is None and rows["central"].error == 0
    # A scalar input of an array graph is a slice; array inputs and outputs are not.
    assert numdiff.scalar_slice(compile_graph(examples["broadcast"].document())).name == "b"
    assert numdiff.scalar_slice(compile_graph(examples["vjp"].document())) is None


def test_vector_output_page_numbers(books, examples):
    """The grad_tensors page: x.grad = vᵀW for f = W @ x."""
    page = books["en"].lesson("autograd").pages[-1]
    assert page.example == "vjp" and page.upstream == [1, 2]
    _, g = compile_graph(examples["vjp"].document()).gradient(upstream=np.array([1.0, 2.0]))
    assert g["x"].tolist() == [9.0, 12.0, 15.0]
    assert g["W"].tolist() == [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]]
    _, g = compile_graph(examples["times"].document()).gradient()
    assert g == {"x": 3.0, "y": 2.0}  # TIMES['f'](2, 3): dx = 3, dy = 2


# -- the Korean glossary -----------------------------------------------------------------

def glossary():
    import sys

    sys.path.insert(0, str(L.RESOURCES.parent / "tools"))
    try:
        import ko_glossary
    finally:
        sys.path.pop(0)
    return ko_glossary


def test_korean_texts_use_the_glossary_terms():
    g = glossary()
    entries = g.load()
    terms = {e.concept: e.term for e in entries}
    assert terms["forward difference"] == "전진 차분" and terms["shape of an array"] == "크기"
    texts = g.korean_texts()
    assert any(where.startswith("lessons_ko.json") for where, _, _ in texts)
    assert g.violations([w for w in texts if w[1] in ("lessons", "examples")]) == []


@pytest.mark.parametrize("text, variant", [
    ("전방 차분의 오차", "전방 차분"),
    ("복소수 스텝", "복소수 스텝"),
    ("포워드모드로", "포워드모드"),
    ("배열의 요소", "요소"),
    ("출력의 모양은", "모양"),
    ("입력의 탄젠트", "탄젠트"),
    ("'다음 단계'(→ 키) 버튼을 누르세요", "(→ 키) 버튼"),
    ("{control}을(를) 누르세요", "을(를) 누르"),
    ("V의 오른쪽 팔", "V의 오른쪽 팔"),
    ("z = c·d 이므로", "d 이므로"),
    ("경사 하강 한 단계는", "하강 한 단계"),
    ("합·평균(리덕션)", "리덕션"),
])
def test_a_forbidden_variant_is_found(text, variant):
    g = glossary()
    problems = g.violations([("here", "lessons", text)])
    assert len(problems) >= 1 and repr(variant) in problems[0], problems
    # The tan function's own name is allowed where the op table speaks.
    assert g.violations([("ops", "ops", "탄젠트")]) == []
    # The right terms pass.
    assert g.violations([("here", "lessons", "전진 차분, 복소 스텝, 포워드 모드, 원소, 크기, "
                                              "접선 미분값, z = c·d이므로, 3번째 갱신")]) == []


def test_translation_check_fails_on_a_forbidden_variant(monkeypatch, capsys):
    """tools/update_translations.py --check exits 1 when a Korean text breaks the glossary."""
    import sys
    from pathlib import Path

    if not Path(sys.executable).with_name("pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed")
    g = glossary()
    sys.path.insert(0, str(L.RESOURCES.parent / "tools"))
    try:
        import update_translations
    finally:
        sys.path.pop(0)
    texts = g.korean_texts()
    monkeypatch.setattr(update_translations.ko_glossary, "korean_texts",
                        lambda: [*texts, ("lessons_ko.json x", "lessons", "전방 차분")])
    assert update_translations.main(["--check"]) == 1
    assert "glossary: lessons_ko.json x: '전방 차분' → 전진 차분" in capsys.readouterr().out
