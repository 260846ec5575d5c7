"""The class game on every device: students answer on their phones and laptops over the
classroom network while the projector shows the mystery picture (issue 13).

``protocol`` (the messages), ``host`` (the game host, sans-IO), ``views`` and ``commands``
(what the projector draws and sends), ``server`` and ``link`` (aiohttp in its own thread or
process), ``journal`` (saving as it goes). Importing the package does no work.
"""
