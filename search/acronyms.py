"""UN acronyms and their names in both languages, applied to a parsed query.

The table is ``acronyms.txt`` beside this module, a file a linguist can edit
(its header says how). A query word written like an acronym (``ONU``, ``RDC``)
becomes "this word, or any other form on its line": the other acronyms as words,
the names as exact phrases. Done at query time, so the index does not change.

>>> tree, added = expand(Node("word", text="RDC"))
>>> added
(('RDC', ('DRC', 'République démocratique du Congo', 'Democratic Republic of the Congo')),)
>>> [c.op for c in tree.children]
['word', 'word', 'phrase', 'phrase']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from resolu.index.stopwords import STOP_WORDS

from .parser import Node

__all__ = ["ACRONYM", "TABLE", "acronym_forms", "expand"]

#: The ``name`` of the "or" node an acronym becomes (a word, for partial matching).
ACRONYM = "acronym"

#: The editable table of acronyms and names.
TABLE = Path(__file__).with_name("acronyms.txt")


def _is_acronym(form: str) -> bool:
    return " " not in form and form.upper() == form and any(c.isalpha() for c in form)


@cache
def _table(path: Path = TABLE) -> dict[str, tuple[str, ...]]:
    """Return {acronym as written: every form of its line, itself first}."""
    by_acronym: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        forms = tuple(f.strip() for f in line.split("|") if f.strip())
        for form in forms:
            if _is_acronym(form):
                by_acronym[form] = (form, *(f for f in forms if f != form))
    return by_acronym


def acronym_forms(word: str) -> tuple[str, ...]:
    """Return the other forms of ``word`` if it is an acronym of the table, else ().

    Capitals always match; lower case too unless the word is a stop word of
    either language (``un``, ``who``, ``au`` are words, not acronyms).
    """
    table = _table()
    forms = table.get(word)
    if forms is None and word.islower() and word.upper() in table:
        folded = word.lower()
        if not any(folded in stops for stops in STOP_WORDS.values()):
            forms = table[word.upper()]
    return forms[1:] if forms else ()


def expand(tree: Node) -> tuple[Node, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Return the tree with acronyms OR-ed with their forms, and what was added."""
    added: list[tuple[str, tuple[str, ...]]] = []

    def walk(node: Node) -> Node:
        if node.op == "word":
            forms = acronym_forms(node.text)
            if not forms:
                return node
            added.append((node.text, forms))
            alternatives = [
                Node("phrase" if " " in f else "word", text=f, pos=node.pos) for f in forms
            ]
            return Node("or", name=ACRONYM, children=(node, *alternatives), pos=node.pos)
        if node.children:
            return Node(
                node.op, node.text, node.name, tuple(walk(c) for c in node.children), node.pos
            )
        return node

    return walk(tree), tuple(dict.fromkeys(added))
