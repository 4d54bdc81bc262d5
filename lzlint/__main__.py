"""`python -m lzlint` and the `lzlint` command.

The command line (lzlint.cli) imports click, PyYAML and every rule kind:
about 0.15 s in which Ctrl-C would otherwise end in a traceback and status
1. Imported here, inside the handler, it ends like a Ctrl-C at any later
moment: one line and status 130.
"""

import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells expect


def main() -> None:
    try:
        from lzlint.cli import main as run
    except KeyboardInterrupt:
        try:
            from lzlint.locale import _

            message = _("lzlint: aborted")
        except BaseException:  # interrupted again, or the catalogue not there yet: say it in English
            message = "lzlint: aborted"
        print(message, file=sys.stderr)
        sys.exit(INTERRUPTED)
    run()


if __name__ == "__main__":
    main()
