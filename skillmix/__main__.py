"""`python -m skillmix`: see skillmix.cli."""
import sys

from .cli import main

sys.exit(main())
