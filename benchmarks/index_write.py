"""CPU time of writing an index from paragraphs already read, against another commit, in one run.

Reading the files is the corpus package's work and is measured elsewhere
(``benchmarks/reader_speed.py``, ``benchmarks/run.py``): here the 902 English
Security Council texts (or, with ``--language fr``, the French texts of
``benchmarks/run.py``: the shipped resolution, the UDHR and the UNv1 dev set)
are read once (cached in ``--work``), repeated
``--scale`` times under distinct paths, and each round times, in CPU seconds,
making the documents (``paragraph_documents``), adding them to a
``PostingsWriter`` and committing the segment. Rounds of this tree and of
``--against`` (its packages taken with ``git archive``) alternate, each in a
fresh process; the minimum of each phase over the rounds is reported. A
second check writes both segments with fixed segment ids and compares every
file they hold, byte for byte (``--bytes``).

    python benchmarks/index_write.py --against main --scale 1 --rounds 3 --work /tmp/iw
    python benchmarks/index_write.py --against main --language fr --bytes --work /tmp/iw
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _at_commit import packages_at

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EN_DIR = DATA / "en_only" / "cr-unsc_res_en_gold"


def _source(work: Path, language: str) -> Path:
    """Return the folder of texts of ``language`` (the French one is gathered into ``work``)."""
    if language == "en":
        return EN_DIR
    from _corpora import build_french
    from resolu.corpus import corpus_dir

    folder = work / "fr" / "corpus"
    return folder if folder.exists() else build_french(DATA, work, corpus_dir()).folder


def _cached(work: Path, language: str) -> dict[str, list[Any]]:
    """Return the resolutions of each text of ``language``, read once and kept in ``work``."""
    cache = work / f"resolutions-{language}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # type: ignore[no-any-return]
    from resolu.corpus import corpus_files, read_file
    from resolu.corpus.errors import CorpusError

    found: dict[str, list[Any]] = {}
    for path in sorted(corpus_files(_source(work, language))):
        try:
            found[str(path)] = list(read_file(path))
        except CorpusError:
            continue
    cache.write_bytes(pickle.dumps(found))
    return found


def _documents(work: Path, scale: int, language: str) -> list[dict[str, Any]]:
    from resolu.index.store import file_document, paragraph_documents

    source = str(_source(work, language))
    docs: list[dict[str, Any]] = []
    for copy in range(scale):
        for path, resolutions in _cached(work, language).items():
            for res in resolutions:
                docs.extend(paragraph_documents(res, f"{path}.{copy}"))
            docs.append(file_document(f"{path}.{copy}", "0" * 64, source=source))
    return docs


def _write(work: Path, docs: list[dict[str, Any]], limitmb: int) -> tuple[float, float, Path]:
    """Write one segment (or several, past ``limitmb``); return CPU seconds adding, committing."""
    from resolu.index.postings import PostingsWriter
    from resolu.index.store import create_store

    out = work / f"index-{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    ix = create_store(out)
    writer = PostingsWriter(ix, limitmb=limitmb)
    gc.collect()
    start = time.process_time()
    for doc in docs:
        writer.add_document(**doc)
    added = time.process_time()
    writer.commit(optimize=False)
    done = time.process_time()
    ix.close()
    return added - start, done - added, out


def _round(args: argparse.Namespace) -> None:
    """One measured round in this process: print its phases as JSON."""
    start = time.process_time()
    docs = _documents(args.work, args.scale, args.language)
    made = time.process_time() - start
    add, commit, out = _write(args.work, docs, args.limitmb)
    shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"documents": made, "add": add, "commit": commit}))


def _files(args: argparse.Namespace) -> None:
    """Write with fixed segment ids; print each file's digest (a compound file: each part's)."""
    import whoosh.codec.base as codec_base
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    numbers = itertools.count()
    codec_base.Segment._random_id = classmethod(lambda cls, size=16: f"s{next(numbers):015d}")
    docs = _documents(args.work, args.scale, args.language)
    _, _, out = _write(args.work, docs, args.limitmb)
    digests = {}
    for path in sorted(out.iterdir()):
        if path.suffix == ".seg":
            parts = CompoundStorage(FileStorage(str(out)).open_file(path.name), use_mmap=False)
            # The directory holds each part's modification time: its order, offsets and sizes.
            layout = [(n, e["offset"], e["length"]) for n, e in parts._dir.items()]
            digests[path.name] = repr(layout)
            for name in parts.list():
                digests[name] = hashlib.sha256(parts.open_file(name).read()).hexdigest()
        elif path.suffix != ".toc":  # the table of contents pickles sets: its order varies
            digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    shutil.rmtree(out, ignore_errors=True)
    print(json.dumps(digests))


def _run(path: Path | None, args: argparse.Namespace, mode: str) -> str:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    argv = [sys.executable, __file__, mode, "--work", str(args.work), "--scale", str(args.scale)]
    argv += ["--limitmb", str(args.limitmb), "--language", args.language]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="main", help="the commit to compare with")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--language", choices=("en", "fr"), default="en", help="which texts")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limitmb", type=int, default=256)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--bytes", action="store_true", help="compare the files written instead")
    parser.add_argument("--round", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--files", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.round:
        _round(args)
        return
    if args.files:
        _files(args)
        return
    _cached(args.work, args.language)
    other = packages_at(args.against, args.work)
    if args.bytes:
        mine, theirs = (json.loads(_run(p, args, "--files")) for p in (None, other))
        differ = sorted(n for n in set(mine) | set(theirs) if mine.get(n) != theirs.get(n))
        print(
            json.dumps(
                {
                    "files": len(mine),
                    "differ": differ,
                    "language": args.language,
                    "scale": args.scale,
                }
            )
        )
        sys.exit(1 if differ else 0)
    best: dict[str, dict[str, float]] = {"this tree": {}, args.against: {}}
    for _ in range(args.rounds):
        for name, path in (("this tree", None), (args.against, other)):
            for phase, seconds in json.loads(_run(path, args, "--round")).items():
                best[name][phase] = min(best[name].get(phase, 1e9), seconds)
    texts = _cached(args.work, args.language).values()
    paragraphs = sum(len(r.paragraphs) for rs in texts for r in rs)
    report = {
        "language": args.language,
        "scale": args.scale,
        "paragraphs": paragraphs * args.scale,
        "rounds": args.rounds,
    }
    for name, phases in best.items():
        phases["total"] = sum(phases.values())
        report[name] = {k: round(v, 3) for k, v in phases.items()}
    report["total ratio (this tree / against)"] = round(
        best["this tree"]["total"] / best[args.against]["total"], 3
    )
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
