"""The Celery app. Configured from Django settings (CELERY_ namespace), see portaal/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portaal.settings")

app = Celery("portaal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
