import sys

from builder.adapters.cli import main

sys.exit(main())
