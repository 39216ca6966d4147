"""``python -m cirmtext``: the same as the ``cirmtext`` command."""

from .cli import main

raise SystemExit(main())
