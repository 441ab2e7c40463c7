"""The fixed query mix, written once per engine in that engine's own syntax.

Each query type appears once per language. resolu and Xapian share a syntax
(``QueryParser`` with ``kind:`` as a boolean prefix); SQLite gets an FTS5 MATCH
expression plus, for the field filter, a plain SQL condition on an UNINDEXED column,
which is how a SQLite user would write it.

The "and" query names its operator for every engine: resolu fills a plain
two-word query that fewer than 100 paragraphs match with partial matches, which
SQLite's and Xapian's AND do not; an explicit ``ET``/``AND`` asks for every word
only, so the three count the same matches. resolu reads the French ``ET``; Xapian
only the English ``AND``.
"""

from __future__ import annotations

__all__ = ["QUERY_TYPES", "queries_for"]

QUERY_TYPES = ("common", "rare", "and", "phrase", "not", "field")

# (type, resolu/xapian query, sqlite MATCH, sqlite extra WHERE or "", xapian if not resolu's)
_EN = (
    ("common", "council", "council", ""),
    ("rare", "plebiscite", "plebiscite", ""),
    ("and", "peace AND security", "peace AND security", ""),
    (
        "phrase",
        '"the situation in the Middle East"',
        '"the situation in the Middle East"',
        "",
    ),
    ("not", "sanctions NOT iraq", "sanctions NOT iraq", ""),
    ("field", "withdrawal kind:operative", "withdrawal", "kind = 'operative'"),
)
_FR = (
    ("common", "droits", "droits", ""),
    ("rare", "biodiversité", "biodiversité", ""),
    (
        "and",
        "coopération ET internationale",
        "coopération AND internationale",
        "",
        "coopération AND internationale",
    ),
    ("phrase", '"la paix et la sécurité"', '"la paix et la sécurité"', ""),
    ("not", "développement NOT durable", "développement NOT durable", ""),
    ("field", "droits kind:operative", "droits", "kind = 'operative'"),
)


def queries_for(language: str) -> list[dict[str, str]]:
    """Return the query mix for a corpus language as plain dicts (sent to workers as JSON)."""
    rows: tuple[tuple[str, ...], ...] = _FR if language == "fr" else _EN
    return [
        {
            "type": row[0],
            "resolu": row[1],
            "xapian": row[4] if len(row) > 4 else row[1],
            "sqlite_match": row[2],
            "sqlite_where": row[3],
        }
        for row in rows
    ]
