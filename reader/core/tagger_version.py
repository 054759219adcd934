"""The country tagger's version, kept apart from the tagger: whether a cache needs re-tagging is
asked at every start (`steppe stories`, the window), and finding out must not load the tagger's
patterns and the alias table."""

# Bumped whenever the rules of reader.core.country_tags change: stories tagged by an older version
# are re-tagged after an upgrade (reader.core.retag).
TAGGER_VERSION = 1
# Where the version that tagged a cache's stories is kept (the meta table).
TAGGER_VERSION_KEY = "countries.tagger_version"
