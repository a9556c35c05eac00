"""Admin pages (placeholder while being written)."""


def register(app, descriptor):
    pass
