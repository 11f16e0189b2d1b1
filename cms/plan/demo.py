"""Idempotent demo content of the strategic plan and the regeneration atlas (see demo_data)."""

import json
from decimal import Decimal

from django.utils.text import slugify
from wagtail.models import Site

from cms.demo import add_menu_link
from cms.plan import demo_data as data
from cms.plan import models

PLATFORM_STATUS = models.StrategicProjectPage.Status.IN_PROGRESS


def load(command, options):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    load_vocabularies()
    plan = ensure_page(home, models.StrategicPlanPage, data.PLAN["slug"], **plan_fields())
    platforms = {
        slug: ensure_platform(plan, slug, title, aim, objective, projects)
        for slug, title, aim, objective, projects in data.PLATFORMS
    }
    zones = load_zones(plan)
    remix = load_strategic_projects(plan, platforms, zones)
    load_atlas(home, remix)
    add_menu_link(site, "Piano strategico", plan.url)
    add_menu_link(site, "Atlante rigenerazione", f"/{data.ATLAS['slug']}/")


def ensure_page(parent, model, slug, **fields):
    """The child page with this slug, created and published once with these fields."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def plan_fields():
    return {
        "title": data.PLAN["title"],
        "intro": data.PLAN["intro"],
        "phases": [
            ("phase", {"title": title, "period": period, "description": description})
            for title, period, description in data.PLAN["phases"]
        ],
        "body": [("paragraph", data.PLAN["body"])],
        "monitoring": data.PLAN["monitoring"],
        "seo_title": "Piano strategico metropolitano",
    }


def ensure_platform(plan, slug, title, aim, objective, project_titles):
    platform = ensure_page(
        plan, models.PlatformPage, slug, title=title, aim=aim, objective=objective
    )
    for project_title in project_titles:
        ensure_page(
            platform,
            models.StrategicProjectPage,
            slugify(project_title.replace("+", "piu ")),
            title=project_title,
            project_type=models.StrategicProjectPage.ProjectType.OPERATIONAL,
            status=PLATFORM_STATUS,
            summary=f"Progetto della piattaforma «{title}»: {aim.lower()}.",
        )
    return platform


def load_zones(plan):
    index = ensure_page(
        plan,
        models.ZoneIndexPage,
        data.ZONE_INDEX["slug"],
        title=data.ZONE_INDEX["title"],
        intro=data.ZONE_INDEX["intro"],
    )
    zones = {}
    for slug, title, vocation, context, agenda, municipalities in data.ZONES:
        latitude, longitude = centre(municipalities)
        zone = ensure_page(
            index,
            models.ZonePage,
            slug,
            title=title,
            vocation=vocation,
            context_text=f"<p>{context}</p>",
            agenda=[
                ("action", {"theme": theme, "title": action, "description": ""})
                for theme, action in agenda
            ],
            latitude=latitude,
            longitude=longitude,
        )
        for name, lat, lng in municipalities:
            models.Municipality.objects.update_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "zone": zone,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lng),
                },
            )
        zones[slug] = zone
    return zones


def centre(municipalities):
    count = len(municipalities)
    latitude = sum(Decimal(lat) for _name, lat, _lng in municipalities) / count
    longitude = sum(Decimal(lng) for _name, _lat, lng in municipalities) / count
    return round(latitude, 6), round(longitude, 6)


def load_strategic_projects(plan, platforms, zones):
    projects = {}
    for number, slug, title, platform, office, zone_slugs in data.STRATEGIC_PROJECTS:
        is_remix = slug == data.REMIX_SLUG
        project = models.StrategicProjectPage(
            slug=slug,
            title=title,
            number=number,
            project_type=models.StrategicProjectPage.ProjectType.STRATEGIC,
            status=PLATFORM_STATUS,
            responsible_office=office,
            platform=platforms[platform],
            summary=data.REMIX_SUMMARY if is_remix else "",
        )
        project.zones = [zones[zone] for zone in zone_slugs]
        if is_remix:
            project.updates = [
                models.StrategicProjectUpdate(date=date, title=update_title, text=text)
                for date, update_title, text in data.REMIX_UPDATES
            ]
        projects[slug] = ensure_built_page(plan, project)
    return projects[data.REMIX_SLUG]


def ensure_built_page(parent, page):
    """Like ensure_page, for a page instance prepared with its relations."""
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_vocabularies():
    kinds = data.VOCABULARIES["InterventionKind"]
    for order, (slug, name, description, has_area) in enumerate(kinds):
        models.InterventionKind.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "has_area": has_area,
                "sort_order": order,
            },
        )
    for model_name in ["Localisation", "ActionAmbit", "CriticalIssueAmbit", "Scale", "ActorType"]:
        model = getattr(models, model_name)
        for order, name in enumerate(data.VOCABULARIES[model_name]):
            model.objects.update_or_create(
                slug=slugify(name), defaults={"name": name, "sort_order": order}
            )


def load_atlas(home, remix):
    atlas = ensure_page(
        home,
        models.AtlasPage,
        data.ATLAS["slug"],
        title=data.ATLAS["title"],
        intro=data.ATLAS["intro"],
    )
    for project in data.REGENERATION_PROJECTS:
        ensure_built_page(atlas, regeneration_project(project, remix))
    return atlas


def regeneration_project(spec, remix):
    latitude, longitude = (Decimal(value) for value in spec["point"])
    page = models.RegenerationProjectPage(
        slug=spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        municipality=models.Municipality.objects.get(name=spec["municipality"]),
        localisation=models.Localisation.objects.get(slug=spec["localisation"]),
        action_ambit=models.ActionAmbit.objects.get(slug=spec["ambit"]),
        scale=models.Scale.objects.get(slug=spec["scale"]),
        kind=models.InterventionKind.objects.get(slug=spec["kind"]),
        strategic_project=remix,
        latitude=latitude,
        longitude=longitude,
        area_geojson=rectangle(latitude, longitude, *spec["half_size"]),
    )
    page.critical_ambits = list(models.CriticalIssueAmbit.objects.filter(slug__in=spec["critical"]))
    page.phases = [
        models.ProjectPhase(label=label, description=description, status=status)
        for label, description, status in spec["phases"]
    ]
    page.actors = [
        models.ProjectActor(name=name, actor_type=models.ActorType.objects.get(slug=actor_type))
        for name, actor_type in spec["actors"]
    ]
    page.indicators = [indicator(item) for item in spec.get("indicators", [])]
    return page


def indicator(spec):
    return models.Indicator(
        name=spec["name"],
        unit=spec["unit"],
        baseline=spec["baseline"],
        target=spec["target"],
        measurements=[
            ("measurement", {"date": date, "value": Decimal(value), "note": note})
            for date, value, note in spec["measurements"]
        ],
    )


def rectangle(latitude, longitude, half_lat, half_lng):
    """A small counterclockwise GeoJSON Polygon around a point, [longitude, latitude] order."""
    south, north = float(latitude - Decimal(half_lat)), float(latitude + Decimal(half_lat))
    west, east = float(longitude - Decimal(half_lng)), float(longitude + Decimal(half_lng))
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})
