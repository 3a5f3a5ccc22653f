"""`python -m bench NAME [ARGS]`: run one benchmark, print its key=value lines."""

import sys

from .registry import available, format_results, load, setup_django


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print("usage: python -m bench NAME [ARGS]\nbenchmarks: " + ", ".join(available()))
        return 0 if argv else 2
    try:
        run = load(argv[0])
    except KeyError:
        print(f"No benchmark {argv[0]!r}. Available: {', '.join(available())}", file=sys.stderr)
        return 2
    setup_django()
    print(format_results(run(argv[1:])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
