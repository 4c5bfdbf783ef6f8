"""Record editors: one form per record kind, common parts, and the editor page around them."""
