"""Real open-source web applications, installed from PyPI by the `realapps` extra,
served on 127.0.0.1.

Each fixture starts one application as its operator would (Roundup with its own
`roundup-admin` and `roundup-server`, a RiveScript brain behind a small chat API,
Django's own authentication pages, a Cartridge shop made by `mezzanine-project`) and
yields the URL a customer types. Without the extra every walk is skipped with one
reason.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.realapps import walking

EXTRA_MODULES = (
    "roundup",
    "rivescript",
    "django",
    "mezzanine",
    "cartridge",
    "helpdesk",
    "spirit",
)
MISSING = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
SKIP_REASON = (
    f"the realapps extra is not installed (no {', '.join(MISSING)}): "
    "run .venv/bin/pip install -e '.[test,realapps]'"
)
HERE = Path(__file__).parent
STARTUP_S = 30.0
# The applications' features are walked by `journeys walk` from their own project
# folders, never collected by this suite's pytest run.
collect_ignore_glob = ["*/features/*", "*/reports/*"]


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.realapps)
            # Only walks need the applications; the measuring itself is checked
            # everywhere.
            if MISSING and "walked" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


FIGURES_DIR = "realapps-figures"


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # noqa: ANN001
    """The figure line of every application walked, e.g. "roundup: recall 2/5 ...", also
    from xdist workers.
    """
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None:
        return
    # Each process (xdist worker or not) leaves its lines under its basetemp, which is
    # under this one.
    files = sorted(factory.getbasetemp().glob(f"**/{FIGURES_DIR}/*.txt"))
    lines = {path.stem: path.read_text().strip() for path in files}
    if lines:
        terminalreporter.section("real applications")
        for app in walking.APPS:
            if app in lines:
                terminalreporter.write_line(lines[app])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll until the application answers, or fail with its own log when it exits or
    never does.
    """
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"{url} did not start (exit"
                f" {process.returncode}):\n{log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.TransportError:
            time.sleep(0.1)  # a readiness poll: the server has not bound its port yet
    pytest.fail(
        f"{url} did not answer within {STARTUP_S:g} s:\n{log.read_text()[-2000:]}"
    )


@contextlib.contextmanager
def serving(
    command: list[str], *, log: Path, ready: str, **popen: object
) -> Iterator[subprocess.Popen]:
    """Run an application's server with its output in `log`, until it answers at
    `ready`; stop it afterwards.
    """
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            **popen,
        )
    try:
        wait_until_answering(ready, process, log)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def tool(name: str) -> str:
    """A console script of the extra, beside this interpreter (the venv's bin/) or on
    PATH.
    """
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


# -- Roundup ---------------------------------------------------------------------------

# Known issues a first-time visitor may search for, created as the tracker's admin
# would.
ROUNDUP_ISSUES = (
    "Login page crashes on Safari",
    "Attachments larger than 1 MB are refused",
)


@pytest.fixture(scope="session")
def roundup_tracker() -> Iterator[str]:
    """A Roundup tracker (template classic, sqlite) served by roundup-server; yields its
    URL.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/tracker/"
    # Not under pytest's tmp folders: those are private to root, and roundup-server will
    # not run as root.
    home = Path(tempfile.mkdtemp(prefix="journeys-roundup-"))
    options = ",".join(
        (
            f"tracker_web={url}",
            "mail_domain=example.test",
            # Outgoing e-mail (the registration confirmation) goes to a file: nothing
            # leaves the machine.
            f"mail_debug={home / 'mail.txt'}",
            # Roundup rejects a registration submitted less than 4 s after the form was
            # shown, a bot check no person trips but the harness does (it types at
            # machine speed): see docs/real-sites.md, "self-inflicted". Off, so what a
            # person meets can be measured.
            "web_registration_delay=0",
            # Roundup picks Whoosh as its full-text indexer when it is importable
            # (Spirit, another app of this suite, brings it), and then answers every
            # search with an error until the index is built. A tracker installed alone
            # uses its native indexer: so does this one.
            "indexer=native",
        )
    )
    admin = tool("roundup-admin")
    run = dict(
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    subprocess.run(
        [admin, "-i", str(home), "install", "classic", "sqlite", options], **run
    )
    subprocess.run(
        [admin, "-i", str(home), "initialise", "admin-password-not-a-secret"], **run
    )
    for title in ROUNDUP_ISSUES:
        subprocess.run(
            [admin, "-i", str(home), "create", "issue", f"title={title}"], **run
        )
    server = [
        tool("roundup-server"),
        "-n",
        "127.0.0.1",
        "-p",
        str(port),
        "-t",
        "thread",
    ]
    if (
        os.getuid() == 0
    ):  # "Can't run as root!": serve as nobody, who must own the tracker
        subprocess.run(["chown", "-R", "nobody:nogroup", str(home)], check=True)
        home.chmod(0o755)
        server += ["-u", "nobody", "-g", "nogroup"]
    log = home / "server.log"
    try:
        with serving([*server, f"tracker={home}"], log=log, ready=url):
            yield url
    finally:
        shutil.rmtree(home, ignore_errors=True)


# -- RiveScript ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def rivescript_bot() -> Iterator[str]:
    """The shop's RiveScript brain (rivescript/brain) behind its small chat API; yields
    the API's URL.
    """
    from tests.conftest import serve_app
    from tests.realapps.rivescript_api import create_app

    with serve_app(create_app()) as url:
        yield url


# -- NLP.js (node-nlp, from npm) -------------------------------------------------------


@pytest.fixture(scope="session")
def nlpjs_bot(tmp_path_factory) -> Iterator[str]:
    """The Trailhead shop assistant: an NLP.js model trained on nlpjs/corpus.json,
    served by nlpjs/bot.js.
    """
    root = HERE.parents[1]
    if (
        shutil.which("node") is None
        or not (root / "node_modules" / "node-nlp").is_dir()
    ):
        pytest.fail(
            "node-nlp is not installed: run `npm ci` in the repository (./dev does)"
        )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path_factory.mktemp("nlpjs") / "bot.log"
    env = {**os.environ, "NODE_PATH": str(root / "node_modules")}
    with serving(
        ["node", str(HERE / "nlpjs" / "bot.js"), str(port)],
        cwd=root,
        env=env,
        log=log,
        ready=url,
    ):
        yield url


# -- Spirit (django-spirit) ------------------------------------------------------------


@pytest.fixture(scope="session")
def spirit_forum(tmp_path_factory) -> Iterator[str]:
    """A Spirit forum made by `spirit startproject`, its database migrated and seeded
    (spirit/seed.py), served by runserver.
    """
    home = tmp_path_factory.mktemp("spirit-forum")
    env = {
        **os.environ,
        "PATH": (
            f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        ),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = dict(
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    subprocess.run([tool("spirit"), "startproject", "forum"], cwd=home, **run)
    project = home / "forum"
    manage = [sys.executable, "manage.py"]
    settings = "--settings=forum.settings.dev"
    subprocess.run([*manage, "migrate", "-v", "0", settings], cwd=project, **run)
    subprocess.run([*manage, "createcachetable", settings], cwd=project, **run)
    subprocess.run(
        [*manage, "shell", settings],
        cwd=project,
        **{**run, "stdin": None},
        input=(HERE / "spirit" / "seed.py").read_text(encoding="utf-8"),
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "server.log"
    with serving(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", settings],
        cwd=project,
        env=env,
        log=log,
        ready=url,
    ):
        yield url


# -- Django ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_site(tmp_path_factory) -> Iterator[str]:
    """Django's own staff log-in and password-reset pages (django_site/), served by
    runserver; yields its URL.
    """
    home = tmp_path_factory.mktemp("django-site")
    env = {
        **os.environ,
        "JOURNEYS_DJANGO_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "tests.realapps.django_site.settings",
    }
    root = HERE.parents[1]
    django = [sys.executable, "-m", "django"]
    subprocess.run(
        [*django, "migrate", "-v", "0"],
        cwd=root,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "server.log"
    with serving(
        [*django, "runserver", f"127.0.0.1:{port}", "--insecure", "--noreload"],
        cwd=root,
        env=env,
        log=log,
        ready=url + "admin/login/",
    ):
        yield url


# -- Cartridge (on Mezzanine) ----------------------------------------------------------


@pytest.fixture(scope="session")
def cartridge_shop(tmp_path_factory) -> Iterator[str]:
    """A Cartridge shop made by `mezzanine-project -a cartridge` with its demo product,
    served by runserver.
    """
    home = tmp_path_factory.mktemp("cartridge-shop")
    # Cartridge formats prices by the currency locale and refuses the C locale; compile
    # en_GB.UTF-8 into the test's own folder rather than into the system (glibc reads
    # LOCPATH).
    locales = home / "locale"
    locales.mkdir()
    compiled = subprocess.run(
        ["localedef", "-i", "en_GB", "-c", "-f", "UTF-8", str(locales / "en_GB.UTF-8")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if not (locales / "en_GB.UTF-8").is_dir():
        pytest.fail(
            "cannot compile the en_GB.UTF-8 locale Cartridge needs (apt-get install"
            f" locales): {compiled.stderr}"
        )
    env = {**os.environ, "LOCPATH": str(locales)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = dict(
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    subprocess.run([tool("mezzanine-project"), "-a", "cartridge", "shop"], **run)
    project = home / "shop"
    with (project / "shop" / "local_settings.py").open("a") as local:
        local.write(
            '\nSHOP_CURRENCY_LOCALE = "en_GB.UTF-8"\n'
            "# The order receipt is written to files: nothing leaves the machine.\n"
            'EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"\n'
            f"EMAIL_FILE_PATH = {str(home / 'mail')!r}\n"
        )
    # The project's own set-up: tables, an admin, the demo pages and the demo product (a
    # "Django Pony").
    subprocess.run(
        [sys.executable, "manage.py", "createdb", "--noinput"],
        **{**run, "cwd": project},
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "server.log"
    with serving(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=env,
        log=log,
        ready=url + "shop/",
    ):
        yield url


# -- django-helpdesk -------------------------------------------------------------------

HELPDESK_QUEUES = (
    ("Billing and Refunds", "billing"),
    ("Deliveries", "deliveries"),
    ("Technical support", "tech"),
)


@pytest.fixture(scope="session")
def helpdesk_site(tmp_path_factory) -> Iterator[str]:
    """A help desk running django-helpdesk (helpdesk_site/) with three public queues,
    served by runserver.
    """
    home = tmp_path_factory.mktemp("helpdesk-site")
    env = {
        **os.environ,
        "JOURNEYS_HELPDESK_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "tests.realapps.helpdesk_site.settings",
    }
    root = HERE.parents[1]
    django = [sys.executable, "-m", "django"]
    run = dict(
        cwd=root,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    subprocess.run([*django, "migrate", "-v", "0"], **run)
    # The queues an operator creates in the admin before opening the desk to the public.
    make_queues = "from helpdesk.models import Queue\n" + "".join(
        f"Queue.objects.create(title={title!r}, slug={slug!r},"
        " allow_public_submission=True)\n"
        for title, slug in HELPDESK_QUEUES
    )
    subprocess.run([*django, "shell", "-c", make_queues], **run)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "server.log"
    with serving(
        [*django, "runserver", f"127.0.0.1:{port}", "--insecure", "--noreload"],
        cwd=root,
        env=env,
        log=log,
        ready=url + "helpdesk/",
    ):
        yield url


# -- walks -----------------------------------------------------------------------------

TARGETS = {
    "roundup": "roundup_tracker",
    "rivescript": "rivescript_bot",
    "nlpjs": "nlpjs_bot",
    "spirit": "spirit_forum",
    "django": "django_site",
    "cartridge": "cartridge_shop",
    "helpdesk": "helpdesk_site",
}


@pytest.fixture(scope="session")
def walked(request: pytest.FixtureRequest, tmp_path_factory):  # noqa: ANN201
    """walked(app) -> (the finished `journeys walk`, its Measure); each application is
    walked once per session.
    """
    cache: dict[str, tuple[subprocess.CompletedProcess[str], walking.Measure]] = {}

    def walk_of(app: str) -> tuple[subprocess.CompletedProcess[str], walking.Measure]:
        if app not in cache:
            target = request.getfixturevalue(TARGETS[app])
            reports = tmp_path_factory.mktemp(f"{app}-reports")
            done, effort = walking.walk(app, target, reports)
            measure = walking.measure(app, effort, reports)
            figures = tmp_path_factory.getbasetemp() / FIGURES_DIR
            figures.mkdir(exist_ok=True)
            (figures / f"{app}.txt").write_text(measure.figure_line() + "\n")
            cache[app] = (done, measure)
        return cache[app]

    return walk_of
