"""A lint run: takes settings and paths, gives one FileResult (findings) per file.

config.py merges defaults, .lzlint.yaml and the command line; paths.py picks
the files; engine.py reads, parses and checks one file; parallel.py and
cache.py make a folder cheap; fix.py applies fixes safely; baseline.py and
fingerprint.py let a team adopt lzlint gradually.
"""
