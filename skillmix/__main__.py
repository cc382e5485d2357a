"""`python -m skillmix`: the pipeline's commands (skillmix.pipeline.cli), and `compare`
(skillmix.publish.compare), which writes what changes between runs."""

import sys

if sys.argv[1:2] == ["compare"]:
    from .publish.compare import main

    sys.exit(main(sys.argv[2:]))

from .pipeline.cli import main

sys.exit(main())
