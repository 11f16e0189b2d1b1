from .atlas import (
    AtlasPage,
    Indicator,
    Municipality,
    ProjectActor,
    ProjectPhase,
    RegenerationProjectPage,
    RegenerationRelatedPage,
)
from .plan import (
    PlatformPage,
    RelatedPage,
    StrategicPlanPage,
    StrategicProjectPage,
    StrategicProjectUpdate,
    ZoneIndexPage,
    ZonePage,
)
from .vocabularies import (
    ActionAmbit,
    ActorType,
    CriticalIssueAmbit,
    InterventionKind,
    Localisation,
    Scale,
)

__all__ = [
    "ActionAmbit",
    "ActorType",
    "AtlasPage",
    "CriticalIssueAmbit",
    "Indicator",
    "InterventionKind",
    "Localisation",
    "Municipality",
    "PlatformPage",
    "ProjectActor",
    "ProjectPhase",
    "RegenerationProjectPage",
    "RegenerationRelatedPage",
    "RelatedPage",
    "Scale",
    "StrategicPlanPage",
    "StrategicProjectPage",
    "StrategicProjectUpdate",
    "ZoneIndexPage",
    "ZonePage",
]
