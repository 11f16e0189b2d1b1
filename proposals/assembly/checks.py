from django.core.checks import Error, register

from proposals import conf

ALGORITHMS = ("leximin", "maximin")


@register()
def check_selection_algorithm(app_configs, **kwargs):
    algorithm = conf.get("PROPOSALS_ASSEMBLY_ALGORITHM")
    if algorithm in ALGORITHMS:
        return []
    return [
        Error(
            f"PROPOSALS_ASSEMBLY_ALGORITHM is {algorithm!r}.",
            hint=f"Use one of {', '.join(ALGORITHMS)}.",
            id="assembly.E001",
        )
    ]
