"""No network access and no file access beyond what the user named, whatever the input.

Two checks: (1) in a subprocess, an audit hook (sys.addaudithook) records every
socket, process and open/listdir event while the CLI and the library run on hostile
inputs that name other files and URLs; only the named inputs and the installed code
and data may be opened, nothing may be written, no socket created. (2) in this
process, socket creation and name lookup are made to fail while the same inputs run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import cleanwire
from hostile import PROSE, PROSE2, run_cli

SRC = Path(cleanwire.__file__).resolve().parent.parent


def _hostile_page(secret: Path) -> str:
    """Text that names a file and URLs the way an attack would try to make them read."""
    return (f"<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://{secret}\"> <!ENTITY net SYSTEM \"http://127.0.0.1:9/x\">]>\n"
            f"&xxe; &net; <img src=\"http://127.0.0.1:9/pixel.gif\"> <iframe src=\"{secret}\"></iframe>\n"
            f"<link rel=stylesheet href=\"file://{secret}\"> <?xml-stylesheet href=\"http://127.0.0.1:9/s.xsl\"?>\n"
            f"{secret}\n../../{secret.name}\n{PROSE}\n{PROSE2}\n")


DRIVER = r"""
import json, os, sys
events = []
WATCH = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.fork", "urllib.", "http.", "ftplib.", "smtplib.")
def hook(event, args):
    if event == "socket.__new__":
        pass  # creating a socket object reaches nobody; binding, connecting and lookups are recorded
    elif event.startswith(WATCH):
        events.append([event, repr(args)[:200]])
    elif event == "open" and not isinstance(args[0], int):
        events.append([event, os.fsdecode(args[0]), str(args[1]), args[2]])
    elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
        events.append([event, os.fsdecode(args[0])])
sys.addaudithook(hook)
import cleanwire
from cleanwire.cli import main
page, records = sys.argv[1], sys.argv[2]
codes = [main([page]), main(["--explain", page]), main(["--jsonl", "--on-error", "mark", records])]
text = open(page, encoding="utf-8").read()
cleanwire.extract(text); cleanwire.explain(text)
if hasattr(cleanwire, "clean_html"):
    cleanwire.clean_html(text); cleanwire.clean_html(text.encode())
sys.stdout.flush()
print("\nAUDIT " + json.dumps({"codes": codes, "events": events}))
"""


def _allowed_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, str(SRC)}
    roots.update(p for p in sys.path if p and os.path.isabs(p) and "site-packages" in p)
    return [os.path.realpath(r) for r in roots]


def _is_loopback_probe(args: str) -> bool:
    """A bind to port 0 of a loopback address: no traffic leaves the process."""
    return args.endswith(("('::1', 0))", "('127.0.0.1', 0))", "('localhost', 0))"))


def test_only_named_files_are_opened_and_nothing_connects(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n")
    page = tmp_path / "page.txt"
    page.write_text(_hostile_page(secret), encoding="utf-8")
    records = tmp_path / "in.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": 1, "text": _hostile_page(secret), "url": f"file://{secret}"},
        {"id": 2, "text": str(secret), "file": str(secret)},
        {"id": 3, "path": str(secret)},
    ]), encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1"}
    # The driver runs in an empty directory of its own: with -c, Python puts the current
    # directory on sys.path and imports list it (-P, Python 3.11+, turns that off).
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    flags = ["-P"] if sys.version_info >= (3, 11) else []
    proc = subprocess.run([sys.executable, *flags, "-c", DRIVER, str(page), str(records)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    audit = json.loads(proc.stdout.rsplit("\nAUDIT ", 1)[1])
    assert audit["codes"] == [0, 0, 0]
    assert "SECRET-CONTENT" not in proc.stdout and PROSE in proc.stdout
    named = {os.path.realpath(page), os.path.realpath(records)}
    roots = _allowed_roots() + [os.path.realpath(cwd)]
    bad = []
    for ev in audit["events"]:
        if ev[0] == "socket.bind" and _is_loopback_probe(ev[1]):
            continue  # urllib3 (imported by trafilatura) binds ::1 port 0 to detect IPv6 support
        if ev[0] not in ("open", "os.listdir", "os.scandir"):
            bad.append(ev)  # a socket, a process, a URL request: never allowed
            continue
        path = os.path.realpath(ev[1])
        if path in named:
            continue
        inside = any(path == r or path.startswith(r + os.sep) for r in roots)
        writes = ev[0] == "open" and ("w" in ev[2] or "a" in ev[2] or "+" in ev[2] or (ev[3] or 0) & (os.O_WRONLY | os.O_RDWR))
        if not inside or writes:
            bad.append(ev)
    assert not bad, bad


def test_no_socket_is_needed(monkeypatch, tmp_path: Path) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("cleanwire tried to use the network")

    # socket.socket stays a class (modules use it in annotations); its ways out fail
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    text = _hostile_page(secret)
    assert cleanwire.clean(text).endswith(PROSE + "\n\n" + PROSE2)
    code, out = run_cli(["--jsonl"], (json.dumps({"text": text, "url": "http://127.0.0.1:9/"}) + "\n").encode())
    assert code == 0 and json.loads(out)["body"].endswith(PROSE2)
    if hasattr(cleanwire, "clean_html"):
        html = text.replace(PROSE, f"<p>{PROSE}</p>")
        body = cleanwire.clean_html(html) + cleanwire.clean_html(html.encode(), url="http://127.0.0.1:9/")
        assert "SECRET-CONTENT" not in body
