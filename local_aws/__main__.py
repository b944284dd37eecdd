"""``python -m local_aws ...``: see :mod:`local_aws.cli`."""

import sys

from local_aws.cli import main

sys.exit(main())
