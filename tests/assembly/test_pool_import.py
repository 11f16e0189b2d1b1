import pytest

from proposals.assembly.models import PoolPerson
from proposals.assembly.pool_import import HEADER, PoolImportError, import_pool
from tests.assembly.factories import CycleFactory

HEAD = ",".join(HEADER)
GOOD = "Q1,Anna,Verdi,anna@example.org,,16-24,female,3,italian,upper_secondary,student,si"


@pytest.fixture
def cycle(db):
    return CycleFactory()


def _file(*rows):
    return ("\n".join([HEAD, *rows]) + "\n").encode()


def test_clean_file_is_imported(cycle):
    second = "Q2,Karim,Haddad,,333 1234567,65-79,male,9,non_eu,lower_secondary,retired,no"
    assert import_pool(cycle, _file(GOOD, second)) == 2
    anna = PoolPerson.objects.get(cycle=cycle, external_id="Q1")
    assert anna.consents_to_publication and anna.municipio == "3"
    assert not PoolPerson.objects.get(external_id="Q2").consents_to_publication


def test_every_bad_row_is_reported_and_nothing_imported(cycle):
    raw = _file(
        GOOD,
        "Q2,,Rossi,not-an-email,,25-44,male,1,italian,tertiary,employed,si",
        "Q1,Luca,Neri,,,25-44,male,1,italian,tertiary,employed,forse",
    )
    with pytest.raises(PoolImportError) as caught:
        import_pool(cycle, raw)
    errors = caught.value.errors
    assert any("3" in e and "first_name" in e for e in errors)
    assert any("3" in e and "email" in e for e in errors)
    assert any("4" in e and "consent_publication" in e for e in errors)
    assert any("4" in e and "Q1" in e and "2" in e for e in errors)
    assert not PoolPerson.objects.exists()


def test_missing_columns_are_named(cycle):
    with pytest.raises(PoolImportError) as caught:
        import_pool(cycle, b"id,first_name\nQ1,Anna\n")
    assert "last_name" in caught.value.errors[0]


@pytest.mark.parametrize("raw", [b"", b"\x00\x01binary", HEAD.encode() + b"\n"])
def test_empty_or_binary_files_are_refused(cycle, raw):
    with pytest.raises(PoolImportError):
        import_pool(cycle, raw)
    assert not PoolPerson.objects.exists()


def test_reimporting_the_same_ids_is_refused(cycle):
    import_pool(cycle, _file(GOOD))
    with pytest.raises(PoolImportError) as caught:
        import_pool(cycle, _file(GOOD))
    assert "Q1" in caught.value.errors[0]
    assert PoolPerson.objects.count() == 1
