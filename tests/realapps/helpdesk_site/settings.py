"""Settings of a support site running django-helpdesk as its documentation installs it,
nothing customised.

Public ticket submission and "View a Ticket" on its home page (the defaults), three
queues made by the fixture. The database and the outgoing e-mail live in
JOURNEYS_HELPDESK_HOME. Served with `django-admin runserver --insecure` (DEBUG off).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME = Path(os.environ.get("JOURNEYS_HELPDESK_HOME", "."))

SECRET_KEY = "journeys-realapps-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.realapps.helpdesk_site.urls"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "bootstrap4form",
    "rest_framework",
    "helpdesk",
]
SITE_ID = 1
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": HOME / "db.sqlite3"}
}
STATIC_URL = "static/"
USE_TZ = True
LOGIN_URL = "/helpdesk/login/"
# django-helpdesk's teams need pinax-teams; a small desk runs without them (its
# documented switch).
HELPDESK_TEAMS_MODE_ENABLED = False
# Mail is written to files: the ticket confirmation never leaves the machine.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = HOME / "mail"
DEFAULT_FROM_EMAIL = "helpdesk@example.test"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
