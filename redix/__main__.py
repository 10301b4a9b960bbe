"""python -m redix: run redix-server (see redix.cli)."""
from redix.cli import main

raise SystemExit(main())
