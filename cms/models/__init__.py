from .municipi import Municipio
from .pages import HomePage, StandardPage
from .settings import NavigationSettings, SiteContactSettings

__all__ = [
    "HomePage",
    "Municipio",
    "NavigationSettings",
    "SiteContactSettings",
    "StandardPage",
]
