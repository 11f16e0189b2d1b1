"""RSS and Atom feeds of the mini-site news, served by the news index page's routes."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class NewsRssFeed(Feed):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index.get_parent().title}: {self.index.title}"

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return self.index.intro or _("News from the Manifattura Milano programme")

    def items(self):
        return self.index.news()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_author_name(self, item):
        return item.author

    def item_categories(self, item):
        categories = [tag.name for tag in item.tags.all()]
        if item.area:
            categories.insert(0, item.area.title)
        return categories


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
