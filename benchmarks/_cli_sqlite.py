"""The minimal SQLite search script the ``resolu search`` CLI is timed against.

``python _cli_sqlite.py DB MATCH [WHERE]``: open the FTS5 index, print the top 10.
"""

import sqlite3
import sys

db, match = sys.argv[1], sys.argv[2]
where = f" AND {sys.argv[3]}" if len(sys.argv) > 3 and sys.argv[3] else ""
con = sqlite3.connect(db)
sql = (
    f"SELECT reference, rank FROM paragraphs WHERE paragraphs MATCH ?{where} ORDER BY rank LIMIT 10"
)
for reference, rank in con.execute(sql, (match,)):
    print(f"{rank:.3f}\t{reference}")
