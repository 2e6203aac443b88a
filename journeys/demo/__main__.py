"""`python -m journeys.demo --mode potholed --port 8000`: serve the demo shop in the
foreground.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import JourneysError
from . import MODES, serve_forever


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m journeys.demo", description="Serve the Stride demo shop."
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="potholed",
        help="smooth (no potholes) or potholed",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to listen on, 0 for any free one (default: 8000)",
    )
    args = parser.parse_args(argv)
    try:
        serve_forever(args.mode, args.host, args.port)
    except JourneysError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
