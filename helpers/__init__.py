"""Helpers for the notebooks on tuning supervised training in PyTorch (chapter 3 of Rao & McMahan).

Layers, lowest first: device, data -> models -> train -> sweep -> metrics -> plots -> widgets.
"""
