import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.kwartaal import Kwartaal, KwartaalFormField

kwartalen = st.builds(Kwartaal, st.integers(1950, 2900), st.integers(1, 4))


def test_parse_en_tekst():
    k = Kwartaal.parse("2026-Q3")
    assert k == Kwartaal(2026, 3)
    assert str(k) == "2026-Q3"
    assert Kwartaal.parse(" 2026q3 ") == k
    assert k.label == "3e kw. 2026"
    assert k.kort == "Q3-26"


@pytest.mark.parametrize(
    "tekst", ["2026-Q5", "2026-Q0", "2026", "Q3-2026", "", "2026-Q", "abcd-Q1", "12026-Q1"]
)
def test_parse_ongeldig_geeft_nederlandse_fout(tekst):
    with pytest.raises(ValueError, match="kwarta"):
        Kwartaal.parse(tekst)


def test_ongeldige_constructie():
    with pytest.raises(ValueError, match="vier kwartalen"):
        Kwartaal(2026, 5)
    with pytest.raises(ValueError):
        Kwartaal(2026, "3")


def test_eerste_en_laatste_dag():
    assert Kwartaal(2026, 1).eerste_dag == dt.date(2026, 1, 1)
    assert Kwartaal(2026, 1).laatste_dag == dt.date(2026, 3, 31)
    assert Kwartaal(2026, 2).laatste_dag == dt.date(2026, 6, 30)
    assert Kwartaal(2026, 3).eerste_dag == dt.date(2026, 7, 1)
    assert Kwartaal(2026, 4).laatste_dag == dt.date(2026, 12, 31)
    assert Kwartaal(2024, 1).laatste_dag == dt.date(2024, 3, 31)


def test_van_datum():
    assert Kwartaal.van_datum(dt.date(2026, 12, 1)) == Kwartaal(2026, 4)
    assert Kwartaal.van_datum(dt.date(2026, 4, 1)) == Kwartaal(2026, 2)
    assert Kwartaal.van_datum(dt.date(2026, 3, 31)) == Kwartaal(2026, 1)


def test_rekenen_en_reeks():
    k = Kwartaal(2026, 3)
    assert k + 1 == Kwartaal(2026, 4)
    assert k + 2 == Kwartaal(2027, 1)
    assert k - 3 == Kwartaal(2025, 4)
    assert Kwartaal(2027, 1) - Kwartaal(2026, 3) == 2
    assert Kwartaal.reeks(Kwartaal(2026, 3), Kwartaal(2027, 2)) == [
        Kwartaal(2026, 3),
        Kwartaal(2026, 4),
        Kwartaal(2027, 1),
        Kwartaal(2027, 2),
    ]
    assert Kwartaal.reeks(Kwartaal(2027, 1), Kwartaal(2026, 1)) == []
    assert sorted([Kwartaal(2027, 1), Kwartaal(2026, 4), Kwartaal(2026, 1)]) == [
        Kwartaal(2026, 1),
        Kwartaal(2026, 4),
        Kwartaal(2027, 1),
    ]
    assert {Kwartaal(2026, 1), Kwartaal.parse("2026-Q1")} == {Kwartaal(2026, 1)}


@given(kwartalen, st.integers(-200, 200))
def test_optellen_en_aftrekken_zijn_elkaars_inverse(k, n):
    assert (k + n) - n == k
    assert (k + n) - k == n


@given(kwartalen)
def test_tekst_heen_en_terug_en_dagen_sluiten_aan(k):
    assert Kwartaal.parse(str(k)) == k
    assert (k + 1).eerste_dag - k.laatste_dag == dt.timedelta(days=1)
    assert Kwartaal.van_datum(k.eerste_dag) == k == Kwartaal.van_datum(k.laatste_dag)


@given(kwartalen, kwartalen)
def test_volgorde_als_tekst_is_volgorde_in_tijd(a, b):
    assert (a < b) == (str(a) < str(b))


def test_formulierveld():
    veld = KwartaalFormField(required=False)
    assert veld.clean("2026-q4") == Kwartaal(2026, 4)
    assert veld.clean("") is None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Q1 tot en met Q4"):
        veld.clean("2026-Q5")
