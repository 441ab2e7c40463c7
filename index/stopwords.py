"""Language data for analysis: stop words and elided prefixes.

Kept apart from the mechanics in ``analysis.py`` so that a linguist can read and
amend the lists without reading a tokenizer. Every entry is written folded
(lower case, no accents: the form a word has when the stop filter sees it).

Why our own French list: Whoosh's lacks ``les``, ``ils`` and ``cette`` and its
``StopFilter(lang="fr")`` also drops English words. ``non`` is deliberately *not*
a stop word: ``non-sélectivité`` must stay searchable as ``non selectivite``.
"""

from __future__ import annotations

__all__ = ["ELIDED_PREFIXES", "STOP_WORDS"]

#: Prefixes French elides before a vowel (``l’homme``, ``jusqu’à``, ``lorsqu’il``).
ELIDED_PREFIXES = frozenset(
    "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split()  # noqa: SIM905
)

_FRENCH = """
a afin ai aie aient aies ait as au aupres aussi autre autres aux avaient avais
avait avant avec avez aviez avions avoir avons ayant ayez ayons c ce ceci cela
celle celles celui ces cet cette ceux chacun chacune chaque ci comme comment d
dans de des deja depuis dont du e elle elles en encore entre es est et etaient
etais etait etant etc ete etes etiez etions etre eu eue eues eurent eus eut eux
fut furent ici il ils j je l la laquelle le lequel les lesquelles lesquels leur
leurs lors lui m ma mais me meme memes mes moi mon n ne ni nos notre nous on ont
ou par parce pas pendant peu peut plus pour pourquoi qu quand que quel quelle
quelles quels qui quoi s sa sans se sera seront ses si soi soient soit son sont
sous sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vos
votre vous y
"""

_ENGLISH = """
a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down
during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just may me more most my
myself no nor not of off on once only or other our ours ourselves out over own
same shall she should so some such than that the their theirs them themselves
then there these they this those through to too under until up upon very was we
were what when where which while who whom why will with within would you your
yours yourself yourselves
"""

#: Stop words per language, dropped from the ranked text fields (never from
#: the exact-phrase field: a phrase keeps its stop words).
STOP_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(_FRENCH.split()),
    "en": frozenset(_ENGLISH.split()),
}
