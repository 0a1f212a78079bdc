"""The engine of a guidance site: data in `data/*.yaml`, checked into one `Site`, rendered into
pages, checklists, PDFs, open data and search entries.

MkDocs runs it through one plugin, `macros.plugin` (`guidance` in mkdocs.yml), which also gives
the render functions of `macros.render` to mkdocs-macros as macros. Everything but that plugin
runs without MkDocs.
"""
