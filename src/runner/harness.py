"""Runs one page's Python program for `syllabus test`.

Usage: python3 harness.py PROGRAM MARKDOWN_PATH

PROGRAM holds the page's runnable blocks placed at the same line numbers they have in the
Markdown file (every other line is blank), so compiling it under MARKDOWN_PATH makes every
traceback point at the Markdown file's own lines.
"""

import asyncio
import inspect
import sys
import traceback


def print_from_page(exc: BaseException) -> None:
    """Prints the traceback without this harness's own frame: readers fix their page, not us."""
    tb = exc.__traceback__.tb_next if exc.__traceback__ else None
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)


def main() -> int:
    program_path, markdown_path = sys.argv[1], sys.argv[2]
    with open(program_path, encoding="utf-8") as handle:
        source = handle.read()
    namespace = {"__name__": "__main__", "__file__": markdown_path}
    try:
        code = compile(source, markdown_path, "exec")
        exec(code, namespace)
    except BaseException as exc:  # report anything the page raises, including SystemExit
        print_from_page(exc)
        return 1
    tests = [
        (name, value)
        for name, value in namespace.items()
        if name.startswith("test_")
        and inspect.isfunction(value)
        and value.__code__.co_filename == markdown_path
    ]
    failed = 0
    for name, test in tests:
        try:
            result = test()
            if inspect.iscoroutine(result):
                asyncio.run(result)
        except BaseException as exc:
            failed += 1
            print(f"--- {name} failed", file=sys.stderr)
            print_from_page(exc)
    print(f"@@syllabus tests={len(tests)} failed={failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
