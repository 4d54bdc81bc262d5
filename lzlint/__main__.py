"""`python -m lzlint` runs the command line."""

from lzlint.cli import main

if __name__ == "__main__":
    main()
