"""``python -m bench``: run the benchmark (see ``bench.run``); ``python -m bench script``: the sync rules'
interpreter against plain Python (see ``bench.script``)."""

import sys

if sys.argv[1:2] == ["script"]:
    from .script import main as script_main
    sys.exit(script_main(sys.argv[2:]))

from .run import main  # noqa: E402

sys.exit(main())
