import factory
from allauth.account.models import EmailAddress

from cms.accounts.models import User
from cms.models import Municipio

PASSWORD = "una-password-sicura-2026"


class MunicipioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipio
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: n % 9 + 1)
    name = factory.LazyAttribute(lambda o: f"Municipio {o.number}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"cittadino{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    nickname = factory.Sequence(lambda n: f"cittadino{n}")
    first_name = "Maria"
    last_name = "Rossi"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )
