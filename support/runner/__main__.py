import sys

from support.runner.cli import main

sys.exit(main(sys.argv[1:]))
