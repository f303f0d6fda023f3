"""Post hero images (filled in below)."""
HEROES: list = []
