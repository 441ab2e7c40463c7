"""Print module sizes and the longest, most branching functions of resolu's packages.

    python benchmarks/code_metrics.py [--top 15]

Lines are physical lines of the function (decorators excluded); complexity is
McCabe's: 1 + one per branch point (if, loop, except, boolean operator,
comprehension filter, match case), the count ruff's C901 uses.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "index", "search")


def complexity(fn: ast.AST) -> int:
    n = 1
    for node in ast.walk(fn):
        if node is not fn and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.If | ast.For | ast.While | ast.AsyncFor | ast.IfExp):
            n += 1
        elif isinstance(node, ast.ExceptHandler | ast.With | ast.AsyncWith | ast.Assert):
            n += 1 if isinstance(node, ast.ExceptHandler) else 0
        elif isinstance(node, ast.BoolOp):
            n += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            n += 1 + len(node.ifs)
        elif isinstance(node, ast.match_case):
            n += 1
    return n


def functions(path: Path) -> list[tuple[int, int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            out.append((lines, complexity(node), f"{path.relative_to(ROOT)}:{node.name}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    every: list[tuple[int, int, str]] = []
    for pkg in PACKAGES:
        files = sorted((ROOT / pkg).rglob("*.py"))
        total = 0
        print(f"{pkg}/")
        for f in files:
            n = len(f.read_text(encoding="utf-8").splitlines())
            total += n
            print(f"  {n:5d}  {f.relative_to(ROOT / pkg)}")
            every.extend(functions(f))
        print(f"  {total:5d}  in {len(files)} modules")
    print("\nlongest functions (lines, complexity):")
    for lines, cc, name in sorted(every, reverse=True)[: args.top]:
        print(f"  {lines:4d} {cc:3d}  {name}")
    print("\nmost complex functions (complexity, lines):")
    for lines, cc, name in sorted(every, key=lambda r: (-r[1], -r[0]))[: args.top]:
        print(f"  {cc:3d} {lines:4d}  {name}")


if __name__ == "__main__":
    main()
