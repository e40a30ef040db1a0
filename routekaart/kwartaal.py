"""The one quarter type of the portal: `Kwartaal(2026, 3)`, written "2026-Q3", read as "3e kw. 2026".

Pure Python (dates only), ordered, hashable. `KwartaalField` stores it in the database as the text "2026-Q3",
which sorts in time order as text; `KwartaalFormField` reads it from forms and gives Dutch error messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_PATROON = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*(\d)\s*$")
MIN_JAAR = 1900
MAX_JAAR = 2999


@total_ordering
@dataclass(frozen=True, slots=True)
class Kwartaal:
    jaar: int
    nummer: int

    def __post_init__(self):
        if not isinstance(self.jaar, int) or not isinstance(self.nummer, int):
            raise ValueError("Een kwartaal bestaat uit een jaar en een kwartaalnummer (hele getallen).")
        if not 1 <= self.nummer <= 4:
            raise ValueError(f"Een jaar heeft vier kwartalen; kwartaal {self.nummer} bestaat niet.")
        if not MIN_JAAR <= self.jaar <= MAX_JAAR:
            raise ValueError(f"Het jaar {self.jaar} ligt buiten het bereik {MIN_JAAR}–{MAX_JAAR}.")

    # Construction -----------------------------------------------------------------------------------------------

    @classmethod
    def parse(cls, tekst: str) -> Kwartaal:
        """'2026-Q3' (also '2026Q3', '2026-q3') -> Kwartaal(2026, 3); ValueError with a Dutch message otherwise."""
        if isinstance(tekst, Kwartaal):
            return tekst
        if not isinstance(tekst, str):
            raise ValueError(
                f"Ongeldig kwartaal {tekst!r}: schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3."
            )
        gevonden = _PATROON.match(tekst)
        if not gevonden:
            raise ValueError(
                f"Ongeldig kwartaal “{tekst}”: schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3."
            )
        jaar, nummer = int(gevonden.group(1)), int(gevonden.group(2))
        if not 1 <= nummer <= 4:
            raise ValueError(f"Ongeldig kwartaal “{tekst}”: een jaar heeft de kwartalen Q1 tot en met Q4.")
        return cls(jaar, nummer)

    @classmethod
    def van_datum(cls, datum: dt.date) -> Kwartaal:
        return cls(datum.year, (datum.month - 1) // 3 + 1)

    @classmethod
    def reeks(cls, van: Kwartaal, tot: Kwartaal) -> list[Kwartaal]:
        """All quarters from van up to and including tot (empty when tot lies before van)."""
        return [van + i for i in range(tot - van + 1)]

    # Properties -------------------------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        """A running number: consecutive quarters differ by one."""
        return self.jaar * 4 + self.nummer - 1

    @classmethod
    def _uit_index(cls, index: int) -> Kwartaal:
        return cls(index // 4, index % 4 + 1)

    @property
    def eerste_dag(self) -> dt.date:
        return dt.date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def laatste_dag(self) -> dt.date:
        return (self + 1).eerste_dag - dt.timedelta(days=1) if self.nummer < 4 else dt.date(self.jaar, 12, 31)

    @property
    def label(self) -> str:
        """Dutch: '3e kw. 2026'."""
        return f"{self.nummer}e kw. {self.jaar}"

    @property
    def kort(self) -> str:
        """As the document heads its columns: 'Q3-26'."""
        return f"Q{self.nummer}-{self.jaar % 100:02d}"

    def bevat(self, datum: dt.date) -> bool:
        return self.eerste_dag <= datum <= self.laatste_dag

    # Arithmetic and order ---------------------------------------------------------------------------------------

    def __add__(self, other):
        if isinstance(other, int) and not isinstance(other, bool):
            return Kwartaal._uit_index(self.index + other)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, Kwartaal):
            return self.index - other.index
        if isinstance(other, int) and not isinstance(other, bool):
            return Kwartaal._uit_index(self.index - other)
        return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, Kwartaal):
            return NotImplemented
        return self.index < other.index

    def __str__(self) -> str:
        return f"{self.jaar:04d}-Q{self.nummer}"


def als_kwartaal(waarde) -> Kwartaal | None:
    """Kwartaal, '2026-Q3' or None/'' -> Kwartaal or None; ValueError on anything else."""
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, Kwartaal):
        return waarde
    return Kwartaal.parse(waarde)


class KwartaalFormField(forms.CharField):
    """A text input for a quarter such as 2026-Q3."""

    default_error_messages = {
        "invalid": "Ongeldig kwartaal: schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3."
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", "Jaar en kwartaal, bijvoorbeeld 2026-Q3.")
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("placeholder", "2026-Q3")
        self.widget.attrs.setdefault("pattern", r"\d{4}-[Qq][1-4]")
        self.widget.attrs.setdefault("size", "8")

    def prepare_value(self, value):
        return str(value) if isinstance(value, Kwartaal) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return Kwartaal.parse(value)
        except ValueError as fout:
            raise ValidationError(str(fout), code="invalid") from fout

    def run_validators(self, value):
        super().run_validators(str(value) if isinstance(value, Kwartaal) else value)


class KwartaalField(models.CharField):
    """A quarter stored as 'YYYY-Qn' (sorts in time order as text); Python value: Kwartaal."""

    description = "Kwartaal (jaar en kwartaalnummer)"

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 7
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return Kwartaal.parse(value)

    def to_python(self, value):
        if value is None or value == "":
            return None
        try:
            return als_kwartaal(value)
        except ValueError as fout:
            raise ValidationError(str(fout), code="invalid") from fout

    def get_prep_value(self, value):
        if value is None or value == "":
            return None if self.null else ""
        if isinstance(value, Kwartaal):
            return str(value)
        try:
            return str(Kwartaal.parse(value))
        except ValueError:
            # Lookups such as __startswith="2026" pass partial text through unchanged.
            return str(value)

    def value_to_string(self, obj):
        waarde = self.value_from_object(obj)
        return "" if waarde is None else str(waarde)

    def formfield(self, **kwargs):
        defaults = {"form_class": KwartaalFormField}
        defaults.update(kwargs)
        return super().formfield(**defaults)

    def validate(self, value, model_instance):
        # CharField's validators (max_length) expect text; check the quarter itself instead.
        if value is not None and not isinstance(value, Kwartaal):
            value = self.to_python(value)
        super().validate(str(value) if value is not None else value, model_instance)

    def run_validators(self, value):
        super().run_validators(str(value) if isinstance(value, Kwartaal) else value)
