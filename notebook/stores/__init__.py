"""Parts of the notebook facade, each with its own SQL, attached to :class:`Notebook`."""
