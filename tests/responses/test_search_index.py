"""Staff rebuild the search index after an import or a restore (`manage.py update_index`)."""

from django.core.management import call_command

from proposals.responses.models import Response
from tests.responses.factories import published_example


def test_rebuilt_index_finds_the_published_answers(db):
    answer = published_example()

    call_command("update_index", verbosity=0)

    assert list(Response.objects.filter(live=True).search("Comunità energetiche")) == [answer]
