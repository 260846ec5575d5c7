"""Printed material from a pack and from the class's results: PDFs a school hands out.

:mod:`.document` is the page every document is laid out on (fpdf2, the game's fonts
embedded, text that wraps and breaks across pages without a row cut in half, written
whole or not at all); :mod:`.flashcards`, :mod:`.worksheet` (with the exam and its answer
key) and :mod:`.class_report` are the documents. This package uses :mod:`clarity.core`
(and the store's read-only results for the class report); never pygame or the UI.
"""
