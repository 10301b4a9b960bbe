from redix.cli import main

raise SystemExit(main())
