"""lzlint: a linter for Chinese rule-of-law government annual reports.

The package's folders are the pipeline's stages, in the order a file goes
through them:

    sources/  path → Source        reading and decoding .txt, .md, .docx
    model/    Source → Document    outline, sections, layout parts, counts, dates
    ruleset/  rules/*.yaml → Rule  loading, validation, selection, docs, self-tests
    checks/   Document + Rule → Diagnostic   one module per check kind
    run/      settings and paths → FileResult   engine, parallel run, cache, fixes
    outputs/  FileResult → what people read   formatters, Word comments, files

At the top: cli.py (the command), diagnostic.py (the finding record every
stage shares), errors.py (the exception that ends a run with exit status 2)
and located_yaml.py (YAML with positions, read by the rule, lexicon and
config loaders alike).
"""

__version__ = "0.1.0"
