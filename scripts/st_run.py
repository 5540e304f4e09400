"""schemathesis's command line, with ast.parse serialised across its worker threads.

Hypothesis parses source files (to describe lambdas) from each of schemathesis's worker
threads. On CPython 3.11 (up to 3.11.8) the AST conversion keeps its recursion counter
per interpreter, not per thread, so two threads parsing at once can fail with
"SystemError: AST constructor recursion depth mismatch" (CPython gh-106905): an error of
the test client, not of the API under test. A lock makes the parses take turns.
"""

import ast
import sys
import threading

_parse = ast.parse
_lock = threading.Lock()


def parse(*args, **kwargs):
    with _lock:
        return _parse(*args, **kwargs)


ast.parse = parse

from schemathesis.cli import schemathesis  # noqa: E402 - after the patch above

if __name__ == "__main__":
    sys.argv[0] = "st"
    sys.exit(schemathesis())
