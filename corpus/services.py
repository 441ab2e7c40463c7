"""The addresses of the UN services resolu fetches from, kept apart so the CLI loads them cheaply.

Each can be changed (an option or an environment variable of ``resolu fetch``),
for a mirror, a proxy, or the local stand-in the tests start.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_DIGITAL_LIBRARY_URL",
    "DEFAULT_ODS_URL",
    "DIGITAL_LIBRARY_ENV_VAR",
    "ODS_ENV_VAR",
]

#: The Official Document System: a symbol's file in a language.
DEFAULT_ODS_URL = "https://documents.un.org"
ODS_ENV_VAR = "RESOLU_ODS_URL"
#: The UN Digital Library: the catalogue, searched for a session's or a year's resolutions.
DEFAULT_DIGITAL_LIBRARY_URL = "https://digitallibrary.un.org"
DIGITAL_LIBRARY_ENV_VAR = "RESOLU_DIGITAL_LIBRARY_URL"
