"""Allow `python -m tall_teach`."""

from tall_teach.cli import main

main()
