import pytest
from django.db.utils import OperationalError

from portaal.celery import app as celery_app


@pytest.mark.django_db
def test_gezond_in_ingebedde_modus(client):
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok", "database": "ok", "broker": "eager"}


@pytest.mark.django_db
def test_broker_onbereikbaar_geeft_503(client, monkeypatch):
    from kombu import Connection

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(celery_app, "connection_for_write", lambda: Connection("redis://127.0.0.1:1/0"))
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json() == {"status": "storing", "database": "ok", "broker": "onbereikbaar"}


@pytest.mark.django_db
def test_database_onbereikbaar_geeft_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def weiger(*args, **kwargs):
        raise OperationalError("verbinding geweigerd")

    monkeypatch.setattr(CursorWrapper, "execute", weiger)
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["database"] == "onbereikbaar"


@pytest.mark.redis
@pytest.mark.django_db
def test_echte_redis_broker_is_gezond(client, monkeypatch, settings):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", settings.CELERY_BROKER_URL)
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord.json()["broker"] == "ok"
