"""Serve every simulated service on 127.0.0.1, for curl, a browser or another program.

python -m helpers.serve            # free ports
python -m helpers.serve --port 8000  # 8000, 8001, ... in the order listed
"""

from __future__ import annotations

import argparse
import threading

from helpers.hosts import HOSTS
from helpers.loopback import LoopbackServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.serve", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--port", type=int, default=0, help="first port (default: free ports)")
    args = parser.parse_args(argv)
    servers = []
    try:
        for offset, host in enumerate(HOSTS):
            port = args.port + offset if args.port else 0
            servers.append((host.host, LoopbackServer(host.create_app(), port=port).start()))
        width = max(len(name) for name, _ in servers)
        for name, server in servers:
            print(f"{name:<{width}}  {server.base_url}", flush=True)
        print("Try: curl -i " + servers[2][1].base_url + "/todos    (Ctrl+C stops)", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        for _, server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
