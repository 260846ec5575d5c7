"""The pygame front end: one App, a stack of scenes, and the widgets they draw with."""
