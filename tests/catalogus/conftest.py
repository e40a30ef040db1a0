import pytest

from tests.factories.catalogus import ReferentiecomponentFactory, alle_lagen


@pytest.fixture
def lagen(db):
    return alle_lagen()


@pytest.fixture
def refs(db):
    """Three GEMMA reference components with their real names."""
    return [
        ReferentiecomponentFactory(gemma_id="id-zaak", naam="Zaakregistratiecomponent"),
        ReferentiecomponentFactory(gemma_id="id-document", naam="Documentbeheercomponent"),
        ReferentiecomponentFactory(gemma_id="id-burgerzaken", naam="Burgerzakencomponent"),
    ]
