"""The parts of the play screen, each a section that lays itself out and draws itself.

The scene that wires them to a round is :mod:`clarity.ui.scenes.play`.
"""
