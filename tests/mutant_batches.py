"""Batches of mutants: several wrong answers in one graded notebook, none able to reach another's test.

Grading one notebook per mutant costs a kernel, its imports and every instructor cell each time;
putting several mutants (of different exercises) into one notebook costs that once. It is sound
when no mutant can change the outcome of another mutant's target test:

- cells run in order and each test is judged where it stands, so a mutated cell can only reach
  the tests *after* it;
- a test reaches the cells it depends on by name: the cells that bind a name it uses, and the
  cells that use a name bound by assignment (they may change that object in place: a demo cell
  calling `freeze(resnet)`), then what those cells use, and so on. Names bound by `import`, `def`
  and `class` in the source are taken as not changed by the cells that merely use them.

So two mutants share a notebook only when neither's target test depends on the other's cell. What
names cannot show (global random state, a kernel restarted after a crash) is caught after grading:
a test that lost points though `unreachable` lists it (it depends on no mutated cell) makes the
suite grade that batch's mutants one by one (tests/course_suite.py).
"""

from __future__ import annotations

import ast
import symtable
from dataclasses import dataclass, field

from visiondl.sanitize import free_names


@dataclass(frozen=True)
class Scan:
    """The module-level names a cell binds, the names it reads, and which bindings are data."""

    binds: frozenset[str]
    uses: frozenset[str]
    data: frozenset[str]  # bound by assignment (not def/class/import): objects a user may change


SIMPLE = (
    ast.Assign,
    ast.AnnAssign,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Import,
    ast.ImportFrom,
)


def scan(source: str) -> Scan | None:
    """Scan a code cell; None when it is not valid Python (it then binds nothing when it runs).

    A name counts as used when a statement reads it (at module level, or as a global inside a
    function or class it defines) before an earlier, unconditional statement of the same cell bound
    it; scopes come from the compiler's own symbol tables (`symtable`).
    """
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return None
    binds: set[str] = set()
    uses: set[str] = set()
    data: set[str] = set()
    bound: set[str] = set()  # bound for sure by the statements so far
    for statement in tree.body:
        table = symtable.symtable(ast.unparse(statement), "<cell>", "exec")
        here: set[str] = set()
        for symbol in table.get_symbols():
            name = symbol.get_name()
            if symbol.is_referenced() and name not in bound:
                uses.add(name)
            if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace():
                here.add(name)
                if symbol.is_assigned() and not symbol.is_imported() and not symbol.is_namespace():
                    data.add(name)
        inner = list(table.get_children())
        while inner:
            child = inner.pop()
            inner += child.get_children()
            for symbol in child.get_symbols():
                if symbol.is_global() and symbol.is_referenced() and symbol.get_name() not in bound:
                    uses.add(symbol.get_name())
                if symbol.is_declared_global() and symbol.is_assigned():
                    here.add(symbol.get_name())
                    data.add(symbol.get_name())
        binds |= here
        if isinstance(statement, SIMPLE):
            bound |= here
    return Scan(frozenset(binds), frozenset(uses), frozenset(data))


def merge(*scans: Scan | None) -> Scan:
    """One scan for a cell position that holds different sources in different notebooks."""
    known = [s for s in scans if s is not None]
    return Scan(
        frozenset().union(*(s.binds for s in known)),
        frozenset().union(*(s.uses for s in known)),
        frozenset().union(*(s.data for s in known)),
    )


def depends_on(scans: list[Scan], test: int, data_names: frozenset[str]) -> set[int]:
    """The positions of the cells before `test` that the test at position `test` depends on."""
    need = set(scans[test].uses)
    members: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i in range(test):
            if i in members:
                continue
            s = scans[i]
            if s.binds & need or s.uses & need & data_names:
                members.add(i)
                need |= s.uses
                changed = True
    return members


@dataclass
class Notebook:
    """The code cells of a source notebook in order: sources, grade ids, and which are test cells.

    A test cell is judged in the grader, in a fresh namespace holding the prelude and the kernel's
    values of the names it reads (`visiondl.verdict`): it binds nothing another cell sees, and it
    reads the free names of its code and of the prelude.
    """

    sources: list[str]
    ids: list[str | None]
    tests: set[int]
    prelude: str = ""
    scans: list[Scan] = field(init=False)
    data_names: frozenset[str] = field(init=False)

    def __post_init__(self):
        self.scans = [self.scan(i, s) for i, s in enumerate(self.sources)]
        self.data_names = frozenset().union(*(s.data for s in self.scans))

    def scan(self, i: int, source: str) -> Scan:
        if i in self.tests:
            return Scan(frozenset(), frozenset(free_names(source + "\n" + self.prelude)), frozenset())
        return merge(scan(source))

    def position(self, grade_id: str) -> int:
        return self.ids.index(grade_id)

    def dependencies(self, mutated: dict[int, str]) -> dict[int, set[int]]:
        """For each test position, the cells it depends on when `mutated` (position -> source) holds."""
        scans = [merge(s, scan(mutated[i])) if i in mutated else s for i, s in enumerate(self.scans)]
        return {t: depends_on(scans, t, self.data_names) for t in sorted(self.tests)}

    def fits(self, batch: dict[str, str]) -> bool:
        """Whether no mutant of `batch` (target grade id -> source) can reach another's target test."""
        mutated = {self.position(g): src for g, src in batch.items()}
        deps = self.dependencies(mutated)
        for target in batch:
            test = self.position(f"test_{target}")
            others = set(mutated) - {self.position(target)}
            if deps[test] & others or any(test > p > self.position(target) for p in others):
                return False
        return True

    def unreachable(self, batch: dict[str, str]) -> set[str]:
        """The tests that depend on no mutated cell of `batch`: they run the solution's own code."""
        mutated = {self.position(g): src for g, src in batch.items()}
        deps = self.dependencies(mutated)
        return {self.ids[t] for t, cells in deps.items() if not cells & set(mutated)} - {
            f"test_{g}" for g in batch
        }


def batches(notebook: Notebook, mutants: list[tuple[str, str, str]]) -> list[list[tuple[str, str, str]]]:
    """Group (name, target grade id, source) mutants into as few sound batches as greedily found."""
    groups: list[list[tuple[str, str, str]]] = []
    for mutant in sorted(mutants, key=lambda m: (notebook.position(m[1]), m[0])):
        for group in groups:
            if mutant[1] in {m[1] for m in group}:
                continue
            if notebook.fits({m[1]: m[2] for m in [*group, mutant]}):
                group.append(mutant)
                break
        else:
            groups.append([mutant])
    return groups
