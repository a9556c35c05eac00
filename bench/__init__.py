"""The benchmark of issue #6: the emulator against a bare Flask + Flask-SQLAlchemy app on the same
machine, with the same WSGI server and thread count. Run it with ``python -m bench`` or
``tox -e bench``; ``bench/RESULTS.md`` holds the figures of the last full run."""
