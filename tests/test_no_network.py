"""The offline course needs no network: a few test files, re-run where only loopback exists.

``unshare -rn`` (or ``unshare -n`` as root) starts pytest in a new network namespace whose only
interface is ``lo``; a request that escaped the simulator would fail there with "Network is
unreachable". Skipped, with the reason, where the system does not allow network namespaces.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = (
    "tests/test_real_world_examples.py",
    "tests/test_simulator.py",
    "tests/test_live_mode.py",
    "tests/test_loopback.py",
)
# Inside the namespace: bring lo up, prove a non-loopback address is unreachable, run the tests.
SCRIPT = """
set -e
ip link set lo up
"$1" -c '
import errno, socket
s = socket.socket()
s.settimeout(2)
code = s.connect_ex(("192.0.2.1", 443))
assert code in (errno.ENETUNREACH, errno.EHOSTUNREACH), code
print("only loopback: connect to 192.0.2.1 ->", errno.errorcode[code])
'
shift
exec "$@"
"""

pytestmark = pytest.mark.slow


def _namespace_command() -> list[str]:
    """``unshare`` with the first flags this system permits; skip the module if none does."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if unshare is None or ip is None:
        pytest.skip("needs the unshare and ip commands (util-linux, iproute2)")
    reasons = []
    for flags in (["-rn"], ["-n"]):
        probe = subprocess.run(
            [unshare, *flags, ip, "link", "set", "lo", "up"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if probe.returncode == 0:
            return [unshare, *flags]
        reasons.append(f"unshare {flags[0]}: {probe.stderr.strip() or probe.returncode}")
    pytest.skip("network namespaces are not permitted here (" + "; ".join(reasons) + ")")


def test_offline_suite_passes_with_only_loopback():
    command = [
        *_namespace_command(),
        "sh",
        "-c",
        SCRIPT,
        "sh",
        sys.executable,
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        *FILES,
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    assert "only loopback: connect to 192.0.2.1 -> E" in output, output[-3000:]
    assert run.returncode == 0, output[-3000:]
    assert " passed" in output and " failed" not in output, output[-3000:]
