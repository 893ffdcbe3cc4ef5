"""Entry point of ``python -m rdplanner``."""

import sys

from rdplanner.cli import main

if __name__ == "__main__":
    sys.exit(main())
