#!/usr/bin/env python
from dateline.cli import main

if __name__ == "__main__":
    main()
