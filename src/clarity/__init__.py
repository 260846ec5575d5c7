"""Clarity Challenge: an image-reveal quiz game for classrooms."""

__version__ = "0.1.0"
