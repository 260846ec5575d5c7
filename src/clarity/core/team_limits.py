"""How many teams a class game on one screen has, and how long their names are.

Apart from :mod:`clarity.core.teams` so that the command line can name the limits in its
help without loading the rules (and pydantic with them) before the game's first frame.
"""

#: The one-screen class game's teams: at least two, and as many as fit on the scoreboard
#: and have an emblem (a colour and a shape) and a buzzer of their own.
MIN_TEAMS = 2
MAX_TEAMS = 6
#: The longest team name, in characters: a name is shown whole on the scoreboard.
TEAM_NAME_LIMIT = 24
