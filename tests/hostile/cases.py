"""The adversarial cases of issue 6, as data: how to build each submission and what it must score.

Each case names its gap class, the base notebook (`correct`/`blank` answers of the tiny course, or
of the 98_guard course), cells whose source is replaced (`cells`) or extended (`append`), an
optional transformation of the notebook JSON, and the expected outcome (`Expect`). Cases are
graded in batches (`batch`); every batch also grades a correct and a blank control notebook,
whose scores must be exact ("others unaffected").
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from hostile import snippets as s

# Messages that explain a 0 (matched case-insensitively against the test messages and `error`).
DIED = r"died|dead|crash|killed|exit|terminat|signal|segment"
TIME = r"time ?limit|timed? ?out|timeout|too long"
MEMORY = r"memory"
BROKEN = r"notebook|json|read|format|match|empty|valid|pars"


@dataclass(frozen=True)
class Expect:
    """What the report of one case must say."""

    score: float | None = None  # exact total
    at_most: float | None = None  # total <= this
    points: dict = field(default_factory=dict)  # exact points of some tests
    points_at_most: dict = field(default_factory=dict)  # upper bounds of some tests
    max_score: float | None = None  # exact maximum (None: the assignment's maximum)
    reason: str | None = None  # regex in the message of `reason_for` (or any message / error)
    reason_for: str | None = None  # grade id whose message must match `reason`
    or_error: bool = False  # "score 0 with a reason in `error`" is also accepted
    # also accepted: these points (over `points`), when the sandbox made the attack a no-op
    # (a signal to itself or to its parents that a pid namespace ignores): graded as written
    or_points: dict = field(default_factory=dict)
    needs_error: bool = False  # the report must carry a non-empty `error`
    no_tests_named: tuple = ()  # grade ids that must not appear in the report
    side_effects: tuple = ()  # extra checks: listener, course, originals, processes, output


@dataclass(frozen=True)
class Case:
    name: str
    klass: str
    batch: str
    expect: Expect
    base: str = "blank"  # correct | blank (of the batch's assignment)
    cells: dict = field(default_factory=dict)  # grade_id -> new source
    append: dict = field(default_factory=dict)  # grade_id -> code added after the base source
    transform: Callable | None = None  # notebook dict -> dict, or bytes for a raw file


# --- notebook transformations ---------------------------------------------------------------


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _tests(nb):
    return [c for c in nb["cells"] if _nbg(c).get("grade") and c["cell_type"] == "code"]


def tag_tests(tag: str) -> Callable:
    def run(nb):
        for cell in _tests(nb):
            cell["metadata"].setdefault("tags", []).append(tag)
        return nb

    return run


def forge_grade_false(nb):
    for cell in _tests(nb):
        cell["metadata"]["nbgrader"]["grade"] = False
        cell["metadata"]["nbgrader"].pop("points", None)
    return nb


def forge_points(nb):
    for cell in _tests(nb):
        cell["metadata"]["nbgrader"]["points"] = 100
    return nb


def _result(text: str) -> dict:
    return {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {"text/plain": text},
    }


def forge_partial_credit(nb):
    for cell in _tests(nb):
        cell["outputs"] = [_result(str(cell["metadata"]["nbgrader"].get("points", 1)))]
        cell["execution_count"] = 1
    return nb


def forge_completed(nb):
    """Every cell tagged to be skipped, with outputs and counts of a finished, passing run."""
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            cell["metadata"].setdefault("tags", []).append("skip-execution")
            cell["execution_count"] = i + 1
            cell["outputs"] = []
    nb["metadata"]["nbgrader"] = {"autograded": True, "score": 3}
    return nb


def relabel_test_cell(nb):
    for cell in _tests(nb):
        cell["metadata"]["nbgrader"].update(grade=False, solution=True, locked=False)
        cell["metadata"]["nbgrader"].pop("points", None)
        cell["source"] = "pass"
    return nb


def tests_to_markdown(nb):
    for cell in _tests(nb):
        cell["cell_type"] = "markdown"
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
    return nb


def duplicate_test_ids(nb):
    cells = []
    for cell in nb["cells"]:
        if cell in _tests(nb):
            twin = copy.deepcopy(cell)
            twin["source"] = "pass"
            twin["id"] = cell.get("id", "t") + "-twin"
            cells += [twin, cell]
        else:
            cells.append(cell)
    nb["cells"] = cells
    return nb


def duplicate_solution_id(nb):
    cells = []
    for cell in nb["cells"]:
        cells.append(cell)
        if _nbg(cell).get("grade_id") == "double":
            twin = copy.deepcopy(cell)
            twin["source"] = "def double(x):\n    return np.asarray(x)\n"
            twin["id"] = "double-twin"
            cells.append(twin)
    nb["cells"] = cells
    return nb


def delete_cells(*grade_ids: str) -> Callable:
    def run(nb):
        nb["cells"] = [c for c in nb["cells"] if _nbg(c).get("grade_id") not in grade_ids]
        return nb

    return run


def delete_tests(nb):
    nb["cells"] = [c for c in nb["cells"] if c not in _tests(nb)]
    return nb


def extra_graded_cell(nb):
    nb["cells"].append(
        {
            "cell_type": "code",
            "id": "bonus",
            "execution_count": None,
            "outputs": [],
            "source": "pass",
            "metadata": {
                "nbgrader": {
                    "grade": True,
                    "grade_id": "bonus",
                    "locked": True,
                    "points": 50,
                    "schema_version": 3,
                    "solution": False,
                    "task": False,
                }
            },
        }
    )
    return nb


def extra_cheat_cell(nb):
    """An untagged cell after setup that disarms the checks."""
    at = next(i for i, c in enumerate(nb["cells"]) if _nbg(c).get("grade_id") == "setup") + 1
    nb["cells"].insert(
        at,
        {
            "cell_type": "code",
            "id": "extra-cheat",
            "execution_count": None,
            "outputs": [],
            "source": s.CHECKS_CLOSE_NOOP,
            "metadata": {},
        },
    )
    return nb


def forge_kernelspec(nb):
    nb["metadata"]["kernelspec"] = {"display_name": "Bash", "language": "bash", "name": "bash"}
    nb["metadata"]["language_info"] = {"name": "bash"}
    return nb


def huge_outputs(nb):
    """A correct notebook carrying 60 MB of outputs."""
    for cell in nb["cells"]:
        if _nbg(cell).get("grade_id") == "setup":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "z" * (60 << 20)}]
    return nb


def to_nbformat3(nb):
    import nbformat

    v4 = nbformat.from_dict(nb)
    for cell in v4.cells:
        cell.pop("id", None)
    v4.nbformat_minor = 4
    return nbformat.writes(nbformat.convert(v4, 3)).encode()


def raw(data: bytes) -> Callable:
    return lambda nb: data


# --- the cases --------------------------------------------------------------------------------

ZERO = Expect(score=0)
FULL = Expect(score=3)
TINY_ZERO = Expect(score=0, points={"test_double": 0, "test_square": 0})


def cheat(name: str, klass: str, snippet: str, batch: str = "kernel") -> Case:
    """A blank student with wrong answers plus a few lines that try to pass the tests anyway."""
    return Case(
        name, klass, batch, TINY_ZERO, cells={"double": s.WRONG_DOUBLE + snippet, "square": s.WRONG_SQUARE}
    )


def guard_cheat(name: str, klass: str, cells: dict, lost: str) -> Case:
    """A 98_guard student with wrong answers in `cells` (others blank): the target test scores 0."""
    return Case(name, klass, "guard", Expect(score=0, points={lost: 0}), cells=cells)


W = s.GUARD_WRONG
CASES: list[Case] = [
    # checks module replaced or shadowed
    cheat("checks-close-noop", "patch-checks", s.CHECKS_CLOSE_NOOP),
    cheat("checks-fail-noop", "patch-checks", s.CHECKS_FAIL_NOOP),
    cheat("checks-shadow-global", "patch-checks", s.CHECKS_SHADOW_GLOBAL),
    cheat("checks-sys-modules", "patch-checks", s.CHECKS_SYS_MODULES),
    cheat("checks-code-swap", "patch-checks", s.CHECKS_CODE_SWAP),
    # numpy patched under checks.close
    cheat("numpy-abs-zero", "patch-numpy", s.NUMPY_ABS_ZERO),
    cheat("numpy-asarray-scalar", "patch-numpy", s.NUMPY_ASARRAY_SCALAR),
    # IPython hooks and transformers
    cheat("ipython-input-transformer", "ipython-hooks", s.IPY_INPUT_TRANSFORMER),
    cheat("ipython-ast-transformer", "ipython-hooks", s.IPY_AST_TRANSFORMER),
    cheat("ipython-wrap-run-cell", "ipython-hooks", s.IPY_WRAP_RUN_CELL),
    cheat("ipython-custom-exc", "ipython-hooks", s.IPY_CUSTOM_EXC),
    cheat("ipython-showtraceback", "ipython-hooks", s.IPY_SHOWTRACEBACK),
    cheat("sys-excepthook", "ipython-hooks", s.SYS_EXCEPTHOOK),
    cheat("ipython-post-run-cell-clear", "ipython-hooks", s.IPY_POST_RUN_CELL_CLEAR),
    cheat("ipython-pre-run-cell-patch", "ipython-hooks", s.IPY_PRE_RUN_CELL_PATCH),
    cheat("sys-settrace", "tracing", s.SYS_SETTRACE),
    cheat("sys-setprofile", "tracing", s.SYS_SETPROFILE),
    Case(
        "mutate-input",
        "lying-objects",
        "kernel",
        Expect(points={"test_double": 0}),
        base="correct",
        cells={"double": s.MUTATE_INPUT_DOUBLE},
    ),
    # harmless for a correct student: patching the kernel must change nothing, extras cost nothing
    Case(
        "correct-sabotages-own-checks",
        "harmless",
        "kernel",
        FULL,
        base="correct",
        append={"square": s.SABOTAGE_OWN_CHECKS},
    ),
    Case(
        "correct-sabotages-tests-transformer",
        "harmless",
        "kernel",
        FULL,
        base="correct",
        append={"square": s.SABOTAGE_TESTS_TRANSFORMER},
    ),
    Case(
        "correct-returns-tensor",
        "harmless",
        "kernel",
        FULL,
        base="correct",
        cells={"double": s.TORCH_RESULT_DOUBLE},
    ),
    Case(
        "correct-returns-list",
        "harmless",
        "kernel",
        FULL,
        base="correct",
        cells={"double": s.LIST_RESULT_DOUBLE},
    ),
    Case(
        "correct-clobbers-test-names",
        "harmless",
        "kernel",
        FULL,
        base="correct",
        append={"square": s.CLOBBER_TEST_NAMES},
    ),
    # 98_guard: tests that call numpy, builtins and torch directly, and objects that lie
    guard_cheat(
        "np-allclose-true",
        "patch-numpy",
        {"mean_rows": W["mean_rows"] + s.NP_ALLCLOSE_TRUE},
        "test_mean_rows",
    ),
    guard_cheat("np-testing-noop", "patch-numpy", {"clip01": W["clip01"] + s.NP_TESTING_NOOP}, "test_clip01"),
    guard_cheat(
        "np-array-equal-true",
        "patch-numpy",
        {"reverse": W["reverse"] + s.NP_ARRAY_EQUAL_TRUE},
        "test_reverse",
    ),
    guard_cheat(
        "builtins-abs-zero",
        "patch-builtins",
        {"count_positive": W["count_positive"] + s.BUILTINS_ABS_ZERO},
        "test_count_positive",
    ),
    guard_cheat(
        "builtins-isinstance",
        "patch-builtins",
        {"count_positive": s.BUILTINS_ISINSTANCE},
        "test_count_positive",
    ),
    guard_cheat("builtins-len", "patch-builtins", {"evens": W["evens"] + s.BUILTINS_LEN}, "test_evens"),
    guard_cheat(
        "torch-allclose-true", "patch-torch", {"relu": W["relu"] + s.TORCH_ALLCLOSE_TRUE}, "test_relu"
    ),
    guard_cheat("tensor-subclass-lie", "lying-objects", {"relu": s.TENSOR_SUBCLASS_LIE}, "test_relu"),
    guard_cheat(
        "ndarray-array-function-lie",
        "lying-objects",
        {"mean_rows": s.NDARRAY_ARRAY_FUNCTION_LIE},
        "test_mean_rows",
    ),
    guard_cheat(
        "int-subclass-lie", "lying-objects", {"count_positive": s.INT_SUBCLASS_LIE}, "test_count_positive"
    ),
    guard_cheat("eq-always-true", "lying-objects", {"sort_list": s.EQ_ALWAYS_TRUE}, "test_sort_list"),
    guard_cheat("bool-lie", "lying-objects", {"all_positive": s.BOOL_LIE}, "test_all_positive"),
    guard_cheat(
        "float-subclass-lie", "lying-objects", {"mean_value": s.FLOAT_SUBCLASS_LIE}, "test_mean_value"
    ),
    guard_cheat("array-protocol-lie", "lying-objects", {"evens": s.ARRAY_PROTOCOL_LIE}, "test_evens"),
    # a test-defined model: its records are written by the test's forward, in the grader
    guard_cheat(
        "predict-in-train-mode", "test-objects", {"predict_eval": W["predict_eval"]}, "test_predict_eval"
    ),
    guard_cheat(
        "forge-test-records", "test-objects", {"predict_eval": s.FORGE_TEST_RECORDS}, "test_predict_eval"
    ),
    guard_cheat(
        "rewrite-test-records", "test-objects", {"predict_eval": s.REWRITE_TEST_RECORDS}, "test_predict_eval"
    ),
    # forged nbgrader metadata and outputs
    Case(
        "tag-skip-execution", "forged-metadata", "notebook", TINY_ZERO, transform=tag_tests("skip-execution")
    ),
    Case(
        "tag-raises-exception",
        "forged-metadata",
        "notebook",
        TINY_ZERO,
        transform=tag_tests("raises-exception"),
    ),
    Case(
        "forged-grade-false",
        "forged-metadata",
        "notebook",
        Expect(score=0, max_score=3),
        transform=forge_grade_false,
    ),
    Case(
        "forged-points",
        "forged-metadata",
        "notebook",
        Expect(score=3, max_score=3),
        base="correct",
        transform=forge_points,
    ),
    Case(
        "forged-partial-credit-output",
        "forged-metadata",
        "notebook",
        TINY_ZERO,
        transform=forge_partial_credit,
    ),
    Case("forged-completed-output", "forged-metadata", "notebook", TINY_ZERO, transform=forge_completed),
    Case(
        "relabelled-test-cell",
        "forged-metadata",
        "notebook",
        Expect(score=0, max_score=3),
        transform=relabel_test_cell,
    ),
    Case(
        "test-cells-as-markdown",
        "forged-metadata",
        "notebook",
        Expect(score=0, max_score=3),
        transform=tests_to_markdown,
    ),
    Case(
        "duplicate-test-grade-id",
        "forged-metadata",
        "notebook",
        Expect(score=0, max_score=3),
        transform=duplicate_test_ids,
    ),
    Case(
        "duplicate-solution-grade-id",
        "forged-metadata",
        "notebook",
        Expect(at_most=3, points={"test_square": 1}, or_error=True),
        base="correct",
        transform=duplicate_solution_id,
    ),
    Case(
        "deleted-exercise-cell",
        "deleted-cells",
        "notebook",
        Expect(score=2, points={"test_double": 2, "test_square": 0}, max_score=3),
        base="correct",
        transform=delete_cells("square"),
    ),
    Case(
        "deleted-test-cells-blank",
        "deleted-cells",
        "notebook",
        Expect(score=0, max_score=3),
        transform=delete_tests,
    ),
    Case(
        "deleted-test-cells-correct",
        "deleted-cells",
        "notebook",
        Expect(score=3, max_score=3),
        base="correct",
        transform=delete_tests,
    ),
    Case(
        "extra-graded-cell",
        "extra-cells",
        "notebook",
        Expect(score=3, max_score=3, no_tests_named=("bonus",)),
        base="correct",
        transform=extra_graded_cell,
    ),
    Case(
        "extra-cheat-cell",
        "extra-cells",
        "notebook",
        TINY_ZERO,
        cells={"double": s.WRONG_DOUBLE, "square": s.WRONG_SQUARE},
        transform=extra_cheat_cell,
    ),
    Case(
        "forged-kernelspec", "forged-metadata", "notebook", FULL, base="correct", transform=forge_kernelspec
    ),
    # files that are not (this) notebook
    Case(
        "not-json",
        "broken-file",
        "notebook",
        Expect(score=0, needs_error=True, reason=BROKEN),
        transform=raw(b"def double(x): return 2*x\n"),
    ),
    Case(
        "empty-file",
        "broken-file",
        "notebook",
        Expect(score=0, needs_error=True, reason=BROKEN),
        transform=raw(b""),
    ),
    Case(
        "json-not-a-notebook",
        "broken-file",
        "notebook",
        Expect(score=0, needs_error=True, reason=BROKEN),
        transform=raw(b'{"cells": "nope"}'),
    ),
    Case(
        "binary-garbage",
        "broken-file",
        "notebook",
        Expect(score=0, needs_error=True, reason=BROKEN),
        transform=raw(bytes(range(256)) * 64),
    ),
    Case(
        "nbformat-3",
        "broken-file",
        "notebook",
        Expect(score=3, or_error=True),
        base="correct",
        transform=to_nbformat3,
    ),
    Case(
        "huge-notebook",
        "broken-file",
        "notebook",
        Expect(score=3, or_error=True),
        base="correct",
        transform=huge_outputs,
    ),
    Case("other-assignment", "broken-file", "notebook", Expect(score=0), base="guard-correct"),
    # reading reference answers from files the kernel can reach
    cheat("read-walk-up-cwd", "read-files", s.READ_WALK_UP_CWD, "files"),
    cheat("read-visiondl-course-env", "read-files", s.READ_ENV_COURSE, "files"),
    cheat("read-proc-ppid-cwd", "read-files", s.READ_PROC_PPID_CWD, "files"),
    cheat("read-tmp-glob", "read-files", s.READ_TMP_GLOB, "files"),
    cheat("read-other-student", "read-files", s.READ_OTHER_STUDENT, "files"),
    cheat("read-package-parents", "read-files", s.READ_PACKAGE_PARENTS, "files"),
    # writing to the course, the gradebook, other students' work
    Case(
        "overwrite-other-students",
        "write-files",
        "files",
        Expect(score=0, side_effects=("originals",)),
        cells={"double": s.WRONG_DOUBLE + s.OVERWRITE_OTHERS},
    ),
    Case(
        "overwrite-source-and-config",
        "write-files",
        "files",
        Expect(score=0, side_effects=("course",)),
        cells={"double": s.WRONG_DOUBLE + s.WRITE_SOURCE_AND_CONFIG},
    ),
    Case(
        "gradebook-sql-trigger",
        "write-files",
        "files",
        Expect(score=0, side_effects=("course", "gradebook")),
        cells={"double": s.WRONG_DOUBLE + s.WRITE_GRADEBOOK_TRIGGER, "square": s.WRONG_SQUARE},
    ),
    Case(
        "wipe-gradebook",
        "write-files",
        "files",
        Expect(score=0, side_effects=("course", "gradebook")),
        cells={"double": s.WRONG_DOUBLE + s.WIPE_GRADEBOOK},
    ),
    # the kernel dies, hangs or runs out of memory: 0 on what did not finish, the rest graded
    Case(
        "os-exit-in-last-exercise",
        "kernel-dies",
        "dying",
        Expect(points={"test_double": 2, "test_square": 0}, reason=DIED, reason_for="test_square"),
        base="correct",
        append={"square": s.EXIT_NOW},
    ),
    Case(
        "sigkill-self",
        "kernel-dies",
        "dying",
        Expect(
            points={"test_double": 2, "test_square": 0},
            reason=DIED,
            reason_for="test_square",
            or_points={"test_square": 1},
        ),
        base="correct",
        append={"square": s.SIGKILL_SELF},
    ),
    Case(
        "segfault-ctypes",
        "kernel-dies",
        "dying",
        Expect(points={"test_double": 2, "test_square": 0}, reason=DIED, reason_for="test_square"),
        base="correct",
        append={"square": s.SEGFAULT},
    ),
    Case(
        "close-all-fds",
        "kernel-dies",
        "dying",
        Expect(
            points={"test_double": 2, "test_square": 0}, reason=DIED + "|" + TIME, reason_for="test_square"
        ),
        base="correct",
        append={"square": s.CLOSE_ALL_FDS},
    ),
    Case(
        "os-exit-in-first-exercise",
        "kernel-dies",
        "dying",
        Expect(points={"test_double": 0, "test_square": 1}, reason=DIED, reason_for="test_double"),
        base="correct",
        append={"double": s.EXIT_NOW},
    ),
    Case(
        "sigint-ignored-loop",
        "hangs",
        "dying",
        Expect(points={"test_double": 2, "test_square": 0}, reason=TIME, reason_for="test_square"),
        base="correct",
        append={"square": s.IGNORE_SIGINT_LOOP},
    ),
    Case(
        "swallow-keyboardinterrupt-first-exercise",
        "hangs",
        "dying",
        Expect(points={"test_double": 0, "test_square": 1}, reason=TIME, reason_for="test_double"),
        base="correct",
        append={"double": s.SWALLOW_INTERRUPT_LOOP},
    ),
    Case(
        "sigterm-ignored-sleep",
        "hangs",
        "dying",
        Expect(points={"test_double": 2, "test_square": 0}, reason=TIME, reason_for="test_square"),
        base="correct",
        append={"square": s.IGNORE_SIGTERM_SLEEP},
    ),
    Case(
        "memory-hog-4gb",
        "resources",
        "dying",
        Expect(
            points={"test_double": 2, "test_square": 0}, reason=MEMORY + "|" + DIED, reason_for="test_square"
        ),
        base="correct",
        append={"square": s.MEMORY_HOG_4GB},
    ),
    Case(
        "network-connect",
        "network",
        "dying",
        Expect(score=3, side_effects=("listener",)),
        base="correct",
        append={"square": s.NETWORK_CONNECT},
    ),
    # attacks on the grader itself: graded through the CLI in a session of its own
    Case(
        "kill-parent-sigterm",
        "kill-grader",
        "grader",
        Expect(points={"test_double": 2, "test_square": 0}, or_points={"test_square": 1}),
        base="correct",
        append={"square": s.KILL_PARENT_SIGTERM},
    ),
    Case(
        "kill-parent-sigkill",
        "kill-grader",
        "grader",
        Expect(points={"test_double": 2, "test_square": 0}, or_points={"test_square": 1}),
        base="correct",
        append={"square": s.KILL_PARENT_SIGKILL},
    ),
    Case(
        "killpg-parent-group",
        "kill-grader",
        "grader",
        Expect(points={"test_double": 2, "test_square": 0}, or_points={"test_square": 1}),
        base="correct",
        append={"square": s.KILLPG_PARENT},
    ),
    Case(
        "killpg-own-group",
        "kill-grader",
        "grader",
        Expect(points={"test_double": 2, "test_square": 0}, or_points={"test_square": 1}),
        base="correct",
        append={"square": s.KILLPG_OWN},
    ),
    Case(
        "flood-stdout-200mb",
        "output-flood",
        "grader",
        Expect(points={"test_double": 2}, points_at_most={"test_square": 1}, side_effects=("output",)),
        base="correct",
        append={"square": s.FLOOD_PRINT},
    ),
    Case(
        "flood-stderr-200mb",
        "output-flood",
        "grader",
        Expect(points={"test_double": 2}, points_at_most={"test_square": 1}, side_effects=("output",)),
        base="correct",
        append={"square": s.FLOOD_STDERR},
    ),
    Case(
        "flood-fd1-200mb",
        "output-flood",
        "grader",
        Expect(points={"test_double": 2}, points_at_most={"test_square": 1}, side_effects=("output",)),
        base="correct",
        append={"square": s.FLOOD_FD1},
    ),
    Case(
        "fork-bomb-bounded",
        "resources",
        "grader",
        Expect(points={"test_double": 2}, points_at_most={"test_square": 1}, side_effects=("processes",)),
        base="correct",
        append={"square": s.FORK_BOMB},
    ),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"


def build(case: Case, bases: dict[str, dict], **values: str) -> bytes:
    """Return the bytes of the submission of `case` from the base notebooks (`correct`, `blank`, ...)."""
    nb = copy.deepcopy(bases[case.base])
    for cell in nb["cells"]:
        grade_id = _nbg(cell).get("grade_id")
        if grade_id in case.cells:
            cell["source"] = case.cells[grade_id]
        if grade_id in case.append:
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["source"] = source.rstrip("\n") + "\n\n" + case.append[grade_id]
    for key, value in values.items():
        for cell in nb["cells"]:
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["source"] = text.replace(f"@{key}@", value)
    result = case.transform(nb) if case.transform else nb
    return result if isinstance(result, bytes) else json.dumps(result, indent=1).encode()
