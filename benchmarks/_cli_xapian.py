"""The minimal Xapian search script (system interpreter) timed beside ``resolu search``.

``/usr/bin/python3 _cli_xapian.py DB LANGUAGE QUERY``: open the index, print the top 10.
"""

import sys

import xapian

db = xapian.Database(sys.argv[1])
parser = xapian.QueryParser()
parser.set_stemmer(xapian.Stem({"fr": "french"}.get(sys.argv[2], "english")))
parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
parser.set_default_op(xapian.Query.OP_AND)
parser.set_database(db)
for field, prefix in {"kind": "XK", "lang": "XL", "symbol": "XS"}.items():
    parser.add_boolean_prefix(field, prefix)
flags = parser.FLAG_PHRASE | parser.FLAG_BOOLEAN | parser.FLAG_LOVEHATE | parser.FLAG_WILDCARD
enquire = xapian.Enquire(db)
enquire.set_query(parser.parse_query(sys.argv[3], flags))
for match in enquire.get_mset(0, 10):
    print(f"{match.weight:.3f}\t{match.document.get_data().decode()}")
