"""The plugin's options: typed, set in mkdocs.yml, where environment variables may feed them
through `!ENV` (KS_PDF, KS_PREVIEW, KS_OFFLINE). Nothing else reads those variables."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GuidanceConfig(Config):
    """Options of the `guidance` plugin. A switch is a YAML boolean: true or false."""

    #: Make the checklist PDFs (`KS_PDF=false` leaves them out).
    pdf = c.Type(bool, default=True)
    #: A quick build: no checklist PDFs and no code reference (`mkdocs serve` makes both).
    preview = c.Type(bool, default=False)
    #: The offline edition, opened from file:// without a server: turns on Material's offline plugin.
    offline = c.Type(bool, default=False)
    #: Where the checklist PDFs are kept by the hash of their inputs, relative to mkdocs.yml.
    #: (The code reference is kept in memory, for one `mkdocs serve` session.)
    cache_dir = c.Type(str, default=".cache")
