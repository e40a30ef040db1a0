"""Helpers of the catalogue tests."""


def applicatie_data(*, naam="Nieuwe applicatie", versie=None, contracten=(), refs=(), **velden) -> dict:
    """POST data of the application form with its contract formset (contracten: dicts of ContractForm fields)."""
    data = {
        "naam": naam,
        "leverancier": velden.pop("leverancier", "Centric"),
        "pakket": velden.pop("pakket", "Key2Zaken"),
        "in_gebruik": "on" if velden.pop("in_gebruik", True) else "",
        "gebruikers": str(velden.pop("gebruikers", 40)),
        "eigenaar": velden.pop("eigenaar", "Team Zaken"),
        "notities": velden.pop("notities", ""),
        "referentiecomponenten": [str(r.pk) for r in refs],
        "contracten-TOTAL_FORMS": str(len(contracten)),
        "contracten-INITIAL_FORMS": str(sum(1 for c in contracten if c.get("id"))),
        "contracten-MIN_NUM_FORMS": "0",
        "contracten-MAX_NUM_FORMS": "1000",
    }
    if versie is not None:
        data["versie"] = str(versie)
    for index, contract in enumerate(contracten):
        standaard = {
            "id": "",
            "startdatum": "2024-01-01",
            "einddatum": "2027-12-31",
            "opzegtermijn_maanden": "3",
            "verlengingstermijn_maanden": "12",
            "jaarkosten": "15000.00",
        }
        standaard.update({k: ("" if v is None else str(v)) for k, v in contract.items()})
        for sleutel, waarde in standaard.items():
            if sleutel == "DELETE":
                if waarde:
                    data[f"contracten-{index}-DELETE"] = "on"
                continue
            data[f"contracten-{index}-{sleutel}"] = waarde
    data.update(velden)
    return data


def landschap_toestand():
    """Everything a landscape write could change: applications, contracts, suppliers, audit records."""
    from catalogus.models import Applicatie, Contract, Importvoorstel, Leverancier
    from gemeenten.models import Auditregel

    return (
        sorted(
            Applicatie.objects.values_list(
                "pk", "gemeente_id", "naam", "leverancier_id", "pakket", "in_gebruik", "gebruikers", "versie"
            )
        ),
        sorted(
            Applicatie.referentiecomponenten.through.objects.values_list(
                "applicatie_id", "referentiecomponent_id"
            )
        ),
        sorted(
            Contract.objects.values_list(
                "pk", "applicatie_id", "startdatum", "einddatum", "opzegtermijn_maanden", "jaarkosten"
            )
        ),
        Leverancier.objects.count(),
        Importvoorstel.objects.count(),
        Auditregel.objects.count(),
    )
