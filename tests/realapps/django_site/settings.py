"""Settings of a Django site with Django's own staff log-in (the admin) and
password-reset pages, nothing customised.

Laid out as `django-admin startproject` would for a small site; the database and the
outgoing e-mail live in JOURNEYS_DJANGO_HOME. Served with `django-admin runserver
--insecure` (DEBUG off, as in production).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME = Path(os.environ.get("JOURNEYS_DJANGO_HOME", "."))

SECRET_KEY = "journeys-realapps-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.realapps.django_site.urls"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
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
# Mail is written to files: the reset link never leaves the machine.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = HOME / "mail"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
