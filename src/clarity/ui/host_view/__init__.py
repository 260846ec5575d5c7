"""The projector's sections of the class game on students' devices: the QR code of the
address, the answer tiles, the class's answers chart, the roster of names, the podium.

Each section draws what a :class:`~clarity.classroom.views.ProjectorView` says, in a
rectangle it is given; none holds a rule of the game or talks to the server.
"""
