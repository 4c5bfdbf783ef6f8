"""Parts of the notebook's storage, each a class over :class:`notebook.service.Notebook`."""
