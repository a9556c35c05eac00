"""JQL, the Jira Query Language: a lark grammar (``jql.lark``), the fields it searches (``fields.yml``)
and its translation to SQL, so that a search over many issues loads only the page it answers."""

from .fields import FIELDS
from .search import SearchResult, checked_condition, search, search_views
from .syntax import parse

__all__ = ["FIELDS", "SearchResult", "checked_condition", "parse", "search", "search_views"]
