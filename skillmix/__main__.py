"""`python -m skillmix`: see skillmix.cli."""

import sys

from .pipeline.cli import main

sys.exit(main())
