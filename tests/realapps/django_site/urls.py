"""Django's own staff log-in and password-reset pages, as shipped."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # login, logout, password_reset, password_reset_done, ... with the admin's
    # registration templates.
    path("accounts/", include("django.contrib.auth.urls")),
]
