"""Generated scripts speak the UI's language in their comments, and only there.

``code_comments.MESSAGES`` holds the English of every comment and docstring line of the
generated scripts; ``tr`` (the UI's translator) replaces them.  The code itself,
and so what the script computes, must not change; ``result_line=False`` leaves out
the machine-readable ``RESULT`` line (the script a student reads and saves).
"""

from __future__ import annotations

from autodiff_gui.check import code_comments, codegen
from autodiff_gui.course.lessons import load_examples

EXAMPLES = ("seed", "broadcast", "matmul_mean", "power", "tanh_net", "neuron")


def fake(text: str) -> str:
    return "«" + text + "»"


def test_every_comment_goes_through_the_translator_and_the_code_stays():
    examples = load_examples()
    used: set[str] = set()
    for ex_id in EXAMPLES:
        doc = examples[ex_id].document()
        for make, kw in ((codegen.torch_script, {"upstream": 2.0}),
                         (codegen.seed_script, {"upstream": 1.0})):
            plain = make(doc, **kw).splitlines()
            said = make(doc, tr=fake, **kw).splitlines()
            assert len(plain) == len(said)
            for a, b in zip(plain, said):
                if a.strip().startswith("#") and len(a.strip()) > 1:
                    assert "«" in b, (ex_id, make.__name__, a)  # every comment is said
                if a != b:  # only comment and docstring lines change
                    s = a.strip()
                    assert "«" in b and (s.startswith(("#", '"""'))
                                         or s in code_comments.MESSAGES.values()), (a, b)
                    used.update(t for t in code_comments.MESSAGES.values()
                                if "«" + t[:20] in b or t.split("}")[-1][:20] in b)
    assert len(used) >= 10, used


def test_a_translation_fills_the_placeholders():
    ko = {"backward pass from {z}, with upstream gradient {u}":
          "{z}에서 시작하는 역전파, 상류층 미분계수 {u}",
          "{signature} in PyTorch: value and gradient.":
          "PyTorch로 계산하는 {signature}의 값과 그래디언트.",
          "{signature} step by step, in the style of the seed notebook":
          "노트북의 방식으로 한 단계씩 계산하는 {signature}"}
    doc = load_examples()["seed"].document()
    text = codegen.torch_script(doc, upstream=2.0, tr=lambda s: ko.get(s, s))
    assert '"""PyTorch로 계산하는 f(x, y)의 값과 그래디언트.' in text
    assert "# z에서 시작하는 역전파, 상류층 미분계수 2" in text
    seed = codegen.seed_script(doc, tr=lambda s: ko.get(s, s))
    assert seed.startswith("# 노트북의 방식으로 한 단계씩 계산하는 f(x, y)\n")
    # A translation that breaks a placeholder falls back to the English words.
    broken = codegen.seed_script(doc, tr=lambda s: s.replace("{signature}", "{sig}"))
    assert broken.startswith("# f(x, y) step by step")


def test_result_line_is_left_out_for_students_and_kept_for_machines():
    doc = load_examples()["broadcast"].document()
    machine = codegen.torch_script(doc)
    student = codegen.torch_script(doc, result_line=False)
    assert codegen.RESULT_PREFIX.strip() in machine
    assert "RESULT" not in student and "json.dumps(result)" not in student
    # The same script up to where the machine's result begins.
    assert machine.startswith(student) and machine[len(student):].startswith("result = ")
