"""The rules of the game, in pure Python.

Nothing in this package imports pygame or the UI package: time arrives as seconds
passed in by the caller, randomness as a ``random.Random``, so a seed replays a game.
"""
