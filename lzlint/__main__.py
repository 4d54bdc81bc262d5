from lzlint.cli import main

main()
