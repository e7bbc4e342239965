"""Systematic operator mutations of the solution region of a notebook cell (mutmut-style, on `ast`).

`mutants(source)` parses a cell, visits every node that lies between `### BEGIN SOLUTION` and
`### END SOLUTION` (the whole cell when it has no markers) and yields a `Mutant` per applicable
operator: the cell's text with that one node's source segment replaced, so a mutant differs from
the solution in one place and its diff is one or two lines. Every mutant compiles; duplicates and
no-op rewrites are dropped. A mutant's `id` names the operator and the changed line's text (not
its number), so a hand-kept list of equivalent mutants survives edits elsewhere in the cell.
"""

from __future__ import annotations

import ast
import copy
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"

COMPARE_FLIPS = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.In: ast.NotIn, ast.NotIn: ast.In,
}  # fmt: skip
BINOP_SWAPS = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Pow: ast.Mult, ast.MatMult: ast.Mult, ast.Mod: ast.FloorDiv,
}  # fmt: skip
NAME_SWAPS = {  # functions and methods a student confuses with each other
    "sum": "mean", "mean": "sum", "max": "min", "min": "max", "argmax": "argmin", "argmin": "argmax",
    "amax": "amin", "amin": "amax", "zeros": "ones", "ones": "zeros", "zeros_like": "ones_like",
    "ones_like": "zeros_like", "floor": "ceil", "ceil": "floor", "maximum": "minimum",
    "minimum": "maximum", "exp": "log", "log": "exp", "sqrt": "abs",
}  # fmt: skip
DTYPE_SWAPS = {
    "float32": "float64", "float64": "float32", "float": "double", "double": "float",
    "long": "float", "int64": "float32", "int32": "float32", "uint8": "float32", "bool": "float32",
}  # fmt: skip
DROPPED_METHODS = {  # x.m(...) -> x: calls that move, convert or detach a value
    "to", "cpu", "cuda", "detach", "clone", "copy", "astype", "float", "double", "long", "int",
    "contiguous", "item", "numpy", "tolist", "squeeze", "unsqueeze", "flatten",
}  # fmt: skip
DROPPED_STATEMENTS = {  # obj.m(...) as a statement -> pass: calls made for their side effect
    "eval", "train", "zero_grad", "backward", "step", "append", "extend", "update", "requires_grad_",
    "manual_seed", "seed", "shuffle", "copy_", "add_", "mul_", "sub_", "fill_", "zero_",
}  # fmt: skip
AXIS_KEYWORDS = {"dim", "axis", "dims", "axes", "keepdim", "keepdims", "start_dim", "end_dim"}
AXIS_SWAP_METHODS = {"transpose", "permute", "swapaxes", "movedim", "moveaxis", "view", "reshape"}


@dataclass
class Mutant:
    id: str  # "<operator>: `<changed line>` -> `<mutated line>`" (+ " #n" for repeats)
    operator: str
    source: str  # the whole mutated cell

    def diff(self, original: str) -> str:
        lines = difflib.unified_diff(original.splitlines(), self.source.splitlines(), lineterm="", n=0)
        return "\n".join(line for line in lines if not line.startswith(("---", "+++", "@@")))


def solution_lines(source: str) -> list[tuple[int, int]]:
    """The 1-based line ranges (inclusive) between solution markers; the whole cell without them."""
    lines = [line.strip() for line in source.splitlines()]
    begins = [i + 2 for i, line in enumerate(lines) if line == BEGIN]
    ends = [i for i, line in enumerate(lines) if line == END]
    return list(zip(begins, ends)) if begins else [(1, len(lines))]


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _with(node: ast.AST, **changes) -> ast.AST:
    new = copy.deepcopy(node)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


def _rewrites(node: ast.AST, function: ast.FunctionDef | None) -> Iterator[tuple[str, ast.AST, str]]:
    """(operator, node to replace, replacement text) for one node."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in COMPARE_FLIPS:
                ops = list(node.ops)
                ops[i] = COMPARE_FLIPS[type(op)]()
                yield "compare", node, _text(_with(node, ops=ops))
    elif isinstance(node, ast.BinOp):
        if type(node.op) in BINOP_SWAPS:
            yield "operator", node, _text(_with(node, op=BINOP_SWAPS[type(node.op)]()))
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.MatMult)):
            yield "drop-term", node, _text(node.left)
            yield "drop-term", node, _text(node.right)
    elif isinstance(node, ast.AugAssign):
        if type(node.op) in BINOP_SWAPS:
            yield "operator", node, ast.unparse(_with(node, op=BINOP_SWAPS[type(node.op)]()))
        yield "drop-statement", node, "pass"
    elif isinstance(node, ast.BoolOp):
        yield "boolean", node, _text(_with(node, op=ast.Or() if isinstance(node.op, ast.And) else ast.And()))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield "drop-unary", node, _text(node.operand)
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        yield "constant", node, repr(not node.value)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield "constant", node, repr(node.value + 1)
        if node.value != 0:
            yield "constant", node, repr(node.value - 1) if type(node.value) is int else repr(-node.value)
    elif isinstance(node, ast.Attribute) and node.attr in DTYPE_SWAPS and isinstance(node.value, ast.Name):
        if node.value.id in ("torch", "np", "numpy"):
            yield "dtype", node, f"{node.value.id}.{DTYPE_SWAPS[node.attr]}"
    elif isinstance(node, ast.Call):
        yield from _call_rewrites(node)
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        if _call_name(node.value) in DROPPED_STATEMENTS:
            yield "drop-call", node, "pass"
    elif isinstance(node, (ast.Break, ast.Continue)):
        yield "drop-statement", node, "pass"
    elif isinstance(node, ast.withitem):
        yield "drop-context", node.context_expr, "__import__('contextlib').nullcontext()"
    elif isinstance(node, ast.Return) and node.value is not None and function is not None:
        params = [
            a.arg for a in function.args.posonlyargs + function.args.args if a.arg not in ("self", "cls")
        ]
        if params and ast.unparse(node.value) != params[0]:
            yield "return-argument", node.value, params[0]
        yield "return-none", node, "return None"


def _call_rewrites(node: ast.Call) -> Iterator[tuple[str, ast.AST, str]]:
    name, func = _call_name(node), node.func
    if name in NAME_SWAPS:
        if isinstance(func, ast.Attribute):
            yield "swap-function", node, _text(_with(node, func=_with(func, attr=NAME_SWAPS[name])))
        elif name not in ("exp", "log", "sqrt", "floor", "ceil"):  # builtins only
            yield "swap-function", node, _text(_with(node, func=ast.Name(NAME_SWAPS[name], ast.Load())))
    if name == "range" and node.args:
        bound = node.args[0] if len(node.args) == 1 else node.args[1]
        for sign in ("+", "-"):
            args = list(node.args)
            args[node.args.index(bound)] = ast.parse(f"{_text(bound)} {sign} 1", mode="eval").body
            yield "range", node, _text(_with(node, args=args))
    if isinstance(func, ast.Attribute) and name in DROPPED_METHODS:
        yield "drop-method", node, _text(func.value)
    for i, kw in enumerate(node.keywords):
        if kw.arg in AXIS_KEYWORDS or kw.arg == "dtype":
            keywords = node.keywords[:i] + node.keywords[i + 1 :]
            yield "drop-axis" if kw.arg != "dtype" else "dtype", node, _text(_with(node, keywords=keywords))
    if name == "Sequential":
        for i in range(len(node.args)):
            yield "drop-layer", node, _text(_with(node, args=node.args[:i] + node.args[i + 1 :]))
    names = [i for i, a in enumerate(node.args) if isinstance(a, (ast.Name, ast.Attribute))]
    if len(names) >= 2 and name != "Sequential":
        args = list(node.args)
        args[names[0]], args[names[1]] = args[names[1]], args[names[0]]
        yield "swap-arguments", node, _text(_with(node, args=args))
    ints = [i for i, a in enumerate(node.args) if isinstance(a, (ast.Constant, ast.UnaryOp))]
    if name in AXIS_SWAP_METHODS and len(ints) >= 2:
        args = list(node.args)
        args[ints[0]], args[ints[1]] = args[ints[1]], args[ints[0]]
        yield "swap-axes", node, _text(_with(node, args=args))


def _functions(tree: ast.AST) -> dict[ast.AST, ast.FunctionDef]:
    """Each node -> the innermost function that contains it."""
    owner: dict[ast.AST, ast.FunctionDef] = {}

    def visit(node: ast.AST, function):
        for child in ast.iter_child_nodes(node):
            owner[child] = function
            visit(child, child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function)

    visit(tree, None)
    return owner


def _offsets(source: str) -> list[int]:
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line.encode())
    return starts + [total]


def _replace(source: str, node: ast.AST, text: str, starts: list[int]) -> str:
    """Replace `node`'s source segment (ast offsets are in UTF-8 bytes) with `text`."""
    raw = source.encode()
    start = starts[node.lineno - 1] + node.col_offset
    end = starts[node.end_lineno - 1] + node.end_col_offset
    return (raw[:start] + text.encode() + raw[end:]).decode()


def _minimal(source: str, node: ast.AST, text: str, starts: list[int]) -> str | None:
    """The mutated cell, with parentheses around the new text only where the meaning needs them."""
    wrapped = _replace(source, node, f"({text})", starts) if isinstance(node, ast.expr) else None
    bare = _replace(source, node, text, starts)
    try:
        tree = ast.dump(ast.parse(bare))
    except SyntaxError:
        tree = None
    if wrapped is None:
        return bare if tree else None
    try:
        return bare if tree == ast.dump(ast.parse(wrapped)) else wrapped
    except SyntaxError:
        return None


def _changed_line(original: str, mutated: str) -> tuple[str, str]:
    for a, b in zip(original.splitlines(), mutated.splitlines()):
        if a != b:
            return a.strip(), b.strip()
    return "", ""


def mutants(source: str) -> list[Mutant]:
    """Every compiling single-point mutant of the solution region of a cell, in source order."""
    tree = ast.parse(source)
    regions = solution_lines(source)
    starts, owner = _offsets(source), _functions(tree)
    found: list[Mutant] = []
    seen = {source}
    for node in ast.walk(tree):
        where = node.context_expr if isinstance(node, ast.withitem) else node
        if not any(first <= getattr(where, "lineno", 0) <= last for first, last in regions):
            continue
        for operator, target, text in _rewrites(node, owner.get(node)):
            mutated = _minimal(source, target, text, starts)
            if mutated is None or mutated in seen:
                continue
            seen.add(mutated)
            old, new = _changed_line(source, mutated)
            ident = f"{operator}: `{old}` -> `{new}`"
            repeats = sum(m.id.split(" #")[0] == ident for m in found)
            found.append(Mutant(ident + (f" #{repeats + 1}" if repeats else ""), operator, mutated))
    order = {id(m): i for i, m in enumerate(found)}
    return sorted(found, key=lambda m: (_first_change(source, m.source), order[id(m)]))


def _first_change(original: str, mutated: str) -> int:
    for i, (a, b) in enumerate(zip(original, mutated)):
        if a != b:
            return i
    return min(len(original), len(mutated))
