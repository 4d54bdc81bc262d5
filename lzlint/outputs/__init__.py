"""What people read: takes FileResults, gives text, machine formats and Word copies.

formatters/ holds one module per `--format`; annotate.py and annotate_docx.py
write Word copies with one comment (批注) per finding, anchored by anchor.py
and spans.py; output_file.py writes files on request, never onto an input;
progress.py draws the progress bar.
"""
