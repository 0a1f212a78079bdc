"""The MkDocs plugin that builds the site from its data (`guidance` in mkdocs.yml)."""
