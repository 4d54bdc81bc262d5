"""The parsed report: takes a decoded Source, gives the Document every rule reads.

A Document is parsed once per file: its lines, outline tree of numbered
headings, the sections the 督察规定 requires, the layout parts around the body
(title, addressee, 落款, date), the counts and rates of each sentence, dates
and the report year, and jieba tokens made only when a rule asks for them.
The vocabulary these parsers use (lexicon.py) is YAML data in rules/lexicon/.
"""
