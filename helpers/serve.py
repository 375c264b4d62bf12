"""Serve every simulated service on 127.0.0.1, for curl, a browser or another program.

python -m helpers.serve            # free ports
python -m helpers.serve --port 8000  # 8000, 8001, ... in the order listed
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import NoReturn

from helpers.hosts import HOSTS
from helpers.loopback import LoopbackServer, PortError


def _first_port(text: str) -> int:
    """argparse type for --port: 1-65535 with room for one port per service, or 0."""
    last = 65535 - (len(HOSTS) - 1)
    try:
        port = int(text)
    except ValueError:
        port = -1
    if port == 0 or 1 <= port <= last:
        return port
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a usable first port: give a whole number from 1 to {last} "
        f"(one port per service, {len(HOSTS)} in all), or 0 for free ports"
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, no usage block: what went wrong and what to do."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m helpers.serve", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--port", type=_first_port, default=0, help="first port (default: free ports)"
    )
    args = parser.parse_args(argv)
    servers: list[tuple[str, LoopbackServer]] = []
    try:
        for offset, host in enumerate(HOSTS):
            port = args.port + offset if args.port else 0
            servers.append((host.host, LoopbackServer(host.create_app(), port=port).start()))
        width = max(len(name) for name, _ in servers)
        for name, server in servers:
            print(f"{name:<{width}}  {server.base_url}", flush=True)
        example = dict(servers)["api.example.com"].base_url
        print(f"Try: curl -i {example}/todos    (Ctrl+C stops)", flush=True)
        threading.Event().wait()
    except PortError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        for _, server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
