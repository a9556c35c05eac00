"""Default sync rules generated for each end of a new connection, and the fixed rules of Basic connections.

They synchronize summary, description, comments, labels and attachments, as the product's
defaults do; the incoming script creates issues in the project chosen for the incoming sync."""

from __future__ import annotations

import json
import re

DEFAULT_OUTGOING = """\
replica.key            = issue.key
replica.type           = issue.type
replica.assignee       = issue.assignee
replica.reporter       = issue.reporter
replica.summary        = issue.summary
replica.description    = issue.description
replica.labels         = issue.labels
replica.comments       = issue.comments
replica.resolution     = issue.resolution
replica.status         = issue.status
replica.parentId       = issue.parentId
replica.priority       = issue.priority
replica.attachments    = issue.attachments
replica.project        = issue.project

// Comment these lines out to send the full list of versions and components of the source project.
replica.project.versions = []
replica.project.components = []

/*
Custom Fields

replica.customFields."CF Name" = issue.customFields."CF Name"
*/
"""

_FIRST_SYNC = """\
if(firstSync){{
   issue.projectKey   = {project}
   // Set type name from source issue, if not found set a default
   issue.typeName     = nodeHelper.getIssueType(replica.type?.name, issue.projectKey)?.name ?: "Task"
   // A sub-task goes under the local twin of its parent; while its parent is not synced it arrives as a Task
   if(replica.parentId){{
      def localParent = nodeHelper.getLocalIssueFromRemoteId(replica.parentId)
      if(localParent){{
         issue.parentId = localParent.id
      }} else {{
         issue.typeName = "Task"
      }}
   }}
}}
"""

_INCOMING_TEMPLATE = _FIRST_SYNC + """\
issue.summary      = replica.summary
issue.description  = replica.description
issue.comments     = commentHelper.mergeComments(issue, replica)
issue.attachments  = attachmentHelper.mergeAttachments(issue, replica)
issue.labels       = replica.labels

/*
Status Synchronization

Sync status according to the mapping [remote issue status: local issue status]
If statuses are the same on both sides don't include them in the mapping
def statusMapping = ["Open":"New", "To Do":"Backlog"]
def remoteStatusName = replica.status.name
issue.setStatus(statusMapping[remoteStatusName] ?: remoteStatusName)
*/
"""


# Basic connections run fixed rules: summary, description, comments, attachments, issue type and labels
# (docs.exalate.com, "Configuration modes"); they are shown read only and cannot be changed.
BASIC_OUTGOING = """\
// Basic mode: fixed rules. The issue's summary, description, type, labels, comments and attachments.
replica.key            = issue.key
replica.type           = issue.type
replica.summary        = issue.summary
replica.description    = issue.description
replica.labels         = issue.labels
replica.comments       = issue.comments
replica.attachments    = issue.attachments
replica.parentId       = issue.parentId
replica.project        = issue.project
"""

_BASIC_INCOMING_TEMPLATE = "// Basic mode: fixed rules.\n" + _FIRST_SYNC + """\
issue.summary      = replica.summary
issue.description  = replica.description
issue.labels       = replica.labels
issue.comments     = commentHelper.mergeComments(issue, replica)
issue.attachments  = attachmentHelper.mergeAttachments(issue, replica)
"""


def default_incoming(project_key: str, *, basic: bool = False) -> str:
    return _incoming(_project_literal(project_key), basic)


def local_incoming(project_key: str, destination_project_key: str, *, basic: bool = False) -> str:
    """A local connection syncs two projects of one instance both ways: an issue from either
    project is created in the other."""
    first, second = _project_literal(project_key), _project_literal(destination_project_key)
    return _incoming(f"replica.project.key == {first} ? {second} : {first}", basic)


def default_outgoing(*, basic: bool = False) -> str:
    return BASIC_OUTGOING if basic else DEFAULT_OUTGOING


def _incoming(project: str, basic: bool) -> str:
    return (_BASIC_INCOMING_TEMPLATE if basic else _INCOMING_TEMPLATE).format(project=project)


def _project_literal(project_key: str) -> str:
    # A JSON string literal is also a valid Groovy double-quoted string.
    return json.dumps(project_key)


def local_projects(incoming_rules: str) -> tuple[str, str] | None:
    """The two projects a local connection's incoming script syncs, as ``local_incoming`` wrote
    them; None once the script was changed so that it no longer names two projects that way."""
    found = _LOCAL_CHOICE.search(incoming_rules)
    return (json.loads(found.group(1)), json.loads(found.group(2))) if found else None


_LOCAL_CHOICE = re.compile(r'issue\.projectKey\s*=\s*replica\.project\.key == ("[^"\n]*") \? ("[^"\n]*") : \1')
