"""Translations of the text `helpers` writes, one package per language (see helpers/language.py)."""
