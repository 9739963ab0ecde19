"""Keeps the Elasticsearch index in step with publishing (only when a search URL is set;
Wagtail's database backend indexes itself)."""

import logging

from django.conf import settings
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def _index(sender, instance, **kwargs):
    if not settings.ELASTICSEARCH_URL:
        return
    from .backends import ElasticsearchSearch

    site = instance.get_site()
    if site is None:
        return
    try:
        ElasticsearchSearch(settings.ELASTICSEARCH_URL).index_pages([instance], site_id=site.pk)
    except Exception:  # the search index must never block publishing
        logger.exception("Could not index page %s in Elasticsearch", instance.pk)


def _unindex(sender, instance, **kwargs):
    if not settings.ELASTICSEARCH_URL:
        return
    from .backends import ElasticsearchSearch

    try:
        ElasticsearchSearch(settings.ELASTICSEARCH_URL).delete_page(instance)
    except Exception:
        logger.exception("Could not remove page %s from Elasticsearch", instance.pk)


def register_signal_handlers() -> None:
    page_published.connect(_index, dispatch_uid="site_search_index")
    page_unpublished.connect(_unindex, dispatch_uid="site_search_unindex")
