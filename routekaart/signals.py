"""Signals the Routekaart sends to higher apps (imports run gemeenten <- routekaart <- catalogus).

`opschaling_gewijzigd`
    Sent with ``sender=Fase`` and ``opgave_id=<int>`` after the transaction commits whenever the opschalingsfase of
    an opgave may have moved: an opschalingsfase is created or deleted, its start quarter changes, or a fase's soort
    changes to or from opschalingsfase, or an opgave that had an opschalingsfase is deleted (then the opgave with
    that id no longer exists). The ready date of a catalogue component that has no beschikbaar_vanaf comes
    from that start quarter (DOMAIN.md), so the catalogue subscribes and recomputes switch-over moments for the
    opgave. Only the fase services in `routekaart.services` send it; receivers must be idempotent (a signal may
    arrive for an opgave whose ready dates in the end did not change).
"""

import django.dispatch

opschaling_gewijzigd = django.dispatch.Signal()
