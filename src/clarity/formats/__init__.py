"""Other people's formats, in and out: the Teacher Studio's imports and exports.

Readers turn another tool's file into pack questions (:mod:`.source` is what they return):
:mod:`.gift` and :mod:`.aiken` (Moodle), :mod:`.table` (CSV and xlsx in our documented
layout), :mod:`.kahoot` (Kahoot's spreadsheet template), :mod:`.quizlet` (Quizlet's export
text), :mod:`.opentdb` (Open Trivia DB JSON). :mod:`.importing` finds the format, gathers
the questions into a pack, writes it and loads it back. Writers take a pack out again:
:mod:`.gift` for Moodle, :mod:`.anki` for Anki, :mod:`.web` for a self-contained page
that plays the mystery-picture game in a browser.

This package uses :mod:`clarity.core` and file writing; never pygame, the UI or the store.
"""
