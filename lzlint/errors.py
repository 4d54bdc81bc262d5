"""The one exception type that ends a run with exit status 2."""


class LzlintError(Exception):
    """A problem with the input, the rules or the configuration.

    The CLI prints it as a single line and exits with status 2; it never
    becomes a traceback.
    """
