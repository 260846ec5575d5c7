"""The parts of the class game's projector screen that the solo play screen has not: the
teams' scoreboard, the status line, the teacher's keys.

The scene that wires them, with the solo screen's board, question card and guess card, to
a class round is :mod:`clarity.ui.scenes.class_play`.
"""
