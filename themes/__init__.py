"""Per-commune visual themes.

A theme is a folder ``themes/<slug>/`` holding:

- ``theme.json``: its names in Arabic and French and a short description;
- ``static/theme.css``: semantic CSS custom properties only (``--color-primary``, ``--color-surface``…),
  served as ``themes/<slug>/theme.css``;
- optionally ``templates/themes/<slug>/<name>``: an override of template ``<name>``.

Adding a theme is adding a folder; nothing in the code changes.
"""
