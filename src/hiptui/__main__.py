from hiptui.cli.main import main

raise SystemExit(main())
