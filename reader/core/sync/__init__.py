"""Syncing stories from feeds and the WordPress REST API into the cache (no Qt).

fetch: HTTP with limits and conditional GET · parse: RSS/Atom/RDF via feedparser ·
wordpress: the REST API · discover: feeds of a site's home page · classify: sections (countries:
reader.core.country_tags) · ingest: de-duplicated writes · retention: pruning · service: the run.
"""
