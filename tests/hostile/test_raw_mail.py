"""Raw mail never outlives its walk, and a walk's fixed SMTP port is free again at once
for the next one.
"""

from __future__ import annotations

import os
import smtplib
import socket
import subprocess
import sys

from journeys.shopper.mail_adapters import OWNER_FILE, SmtpSink, sweep_raw_mail


def _dead_pid() -> int:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(ended.stdout)


def test_the_raw_mail_of_a_killed_walk_is_swept_and_a_walk_beside_it_keeps_its_own(
    tmp_path,
):
    walks = tmp_path / "reports" / ".walk"
    killed, beside, older = (
        walks / "killed" / "mail",
        walks / "beside" / "mail",
        walks / "older" / "mail",
    )
    for folder, owner in ((killed, _dead_pid()), (beside, os.getppid()), (older, None)):
        folder.mkdir(parents=True)
        (folder / "1-password.eml").write_text(
            "From: shop@example.com\r\nSubject: Your password is"
            " hunter2\r\n\r\nhunter2\r\n"
        )
        if owner is not None:
            (folder / OWNER_FILE).write_text(str(owner))
    sweep_raw_mail(walks)
    assert not killed.exists() and not older.exists()
    assert (beside / "1-password.eml").exists()


def test_a_fixed_port_is_free_for_the_next_sink_the_moment_the_last_one_stopped(
    tmp_path,
):
    with SmtpSink(tmp_path / "first") as first:
        port = first.port
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.recv(1024)  # the greeting
            client.sendall(b"QUIT\r\n")
            while client.recv(
                1024
                # the sink hangs up first: its side of the connection lingers in
                # TIME_WAIT
            ):
                pass
    with SmtpSink(tmp_path / "second", port=port) as second:
        assert second.port == port
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail(
                "shop@example.com", ["a@example.com"], "Subject: again\r\n\r\nhello\r\n"
            )
    assert (
        len([p for p in (tmp_path / "second").iterdir() if not p.name.startswith(".")])
        == 1
    )
