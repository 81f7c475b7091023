"""Waiting-room kiosk: offline patient education about PTSD and ketamine treatment."""

__version__ = "0.1.0"
