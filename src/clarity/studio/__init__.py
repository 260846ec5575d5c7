"""The Teacher Studio in the browser: make and edit packs in a form, served on this computer.

:mod:`.documents` reads a pack file into the document the page edits (the pack's YAML data
as JSON) and :mod:`.checking` checks a document with the loader's own checks, placing each
problem on its field. :mod:`.roundtrip` saves a document back into the teacher's file as
the smallest change (comments, key order and quoting kept). :mod:`.workspace` is the packs
folder as the studio sees it, :mod:`.pictures` takes a picture dropped in, and
:mod:`.server` serves the page and its API on 127.0.0.1 behind a random token.

This package uses :mod:`clarity.core`, :mod:`clarity.formats` and :mod:`clarity.printing`;
never pygame, the UI or the store.
"""
