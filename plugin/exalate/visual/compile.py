"""A Visual configuration compiled into each side's sync rules (the Groovy that the sync engine runs like any
other rules, shown read only so that people can learn the script equivalent), and the JQL of an Automatic
direction's trigger.

For each direction, the sending side's outgoing rules put into the replica the fields that go that way, and the
receiving side's incoming rules apply them, through the value mappings (a Groovy map, then the fallback). The
optional script snippet of a direction is appended to the receiving side's incoming rules: it sees ``replica``
and ``issue`` after the Visual rules have run. A Disabled direction compiles to outgoing rules that send nothing
(the connection end does not send either: ``Connection.sends``)."""

from __future__ import annotations

import json

from .model import Compiled, Scope, SyncMethod, VisualConfig

# The replica's fields each rule sends (the issue's field of the same name).
_SENT = {"summary": ("summary",), "description": ("description",), "comments": ("comments",),
         "attachments": ("attachments",), "labels": ("labels",), "priority": ("priority",), "status": ("status",),
         "issueType": ("type",), "assignee": ("assignee",)}
# What every replica carries: what identifies the issue, and what creating its twin needs.
_ALWAYS = ("key", "project", "parentId", "summary")

_APPLIED = {
    "summary": "issue.summary      = replica.summary",
    "description": "issue.description  = replica.description",
    "comments": "issue.comments     = commentHelper.mergeComments(issue, replica)",
    "attachments": "issue.attachments  = attachmentHelper.mergeAttachments(issue, replica)",
    "labels": "issue.labels       = replica.labels",
    "assignee": "issue.assignee     = replica.assignee ? nodeHelper.getUserByUsername(replica.assignee.username) "
                ": null",
}

_FIRST_SYNC = """\
if(firstSync){{
   issue.projectKey   = {project}
   issue.summary      = replica.summary
   issue.typeName     = {type_name}
}}
"""
_TYPE_FROM_REPLICA = """nodeHelper.getIssueType(replica.type?.name, issue.projectKey)?.name ?: "Task"
   // A sub-task goes under the local twin of its parent; while its parent is not synced it arrives as a Task
   if(replica.parentId){
      def localParent = nodeHelper.getLocalIssueFromRemoteId(replica.parentId)
      if(localParent){
         issue.parentId = localParent.id
      } else {
         issue.typeName = "Task"
      }
   }"""

# A mapped value: the pair's value, else the fallback (or the value itself); applied only when this side has it.
_MAPPED = """\
def {name}Mapping = {mapping}
def {name}Name = {name}Mapping[replica.{name}?.name] ?: {fallback}
if({name}Name && nodeHelper.{finder}({name}Name)){{
   {apply}
}}
"""
_APPLY = {"status": "issue.setStatus(statusName)", "priority": "issue.priority = priorityName"}
_FINDER = {"status": "getStatus", "priority": "getPriority"}


def compile_sides(config: VisualConfig, local_name: str, remote_name: str) -> tuple[Compiled, Compiled]:
    """The local side's rules and the remote side's."""
    local = Compiled(outgoing(config, True, local_name, remote_name), incoming(config, False, remote_name, local_name))
    remote = Compiled(outgoing(config, False, remote_name, local_name), incoming(config, True, local_name, remote_name))
    return local, remote


def outgoing(config: VisualConfig, outbound: bool, sender: str, receiver: str) -> str:
    """The sender's outgoing rules for one direction (``outbound``: local to remote)."""
    header = f"// Visual mode: what {sender} sends to {receiver}. Generated on Publish; read only.\n"
    if config.sync_method(outbound) == SyncMethod.DISABLED.value:
        return header + f"// The sync from {sender} to {receiver} is Disabled: nothing is sent.\n"
    sent = list(_ALWAYS)
    for rule in config.rules:
        if config.direction(rule.field).flows(outbound):
            sent.extend(name for name in _SENT[rule.field] if name not in sent)
    return header + "".join(f"replica.{name:<13} = issue.{name}\n" for name in sent)


def incoming(config: VisualConfig, outbound: bool, sender: str, receiver: str) -> str:
    """The receiver's incoming rules for one direction (``outbound``: local to remote, so the remote receives)."""
    header = f"// Visual mode: what {receiver} takes from {sender}. Generated on Publish; read only.\n"
    if config.sync_method(outbound) == SyncMethod.DISABLED.value:
        return header + f"// The sync from {sender} to {receiver} is Disabled: nothing arrives.\n"
    scope = config.scope("remote" if outbound else "local")
    flows = {rule.field for rule in config.rules if config.direction(rule.field).flows(outbound)}
    type_name = _TYPE_FROM_REPLICA if "issueType" in flows else '"Task"'
    lines = [header, _FIRST_SYNC.format(project=_literal(scope.project_key), type_name=type_name)]
    lines.extend(_APPLIED[name] + "\n" for name in _APPLIED if name in flows)
    for name in ("priority", "status"):
        if name in flows:
            lines.append(_mapped(config, name, outbound))
    snippet = config.script(outbound)
    if snippet.strip():
        lines.append(f"// Script rules ({sender} to {receiver})\n{snippet.rstrip()}\n")
    return "".join(lines)


def _mapped(config: VisualConfig, name: str, outbound: bool) -> str:
    """Sent values are the sender's; the receiver looks them up in a map keyed by them."""
    mapping = config.mapping(name)
    source, target = ("local", "remote") if outbound else ("remote", "local")
    pairs = {getattr(p, source): getattr(p, target) for p in mapping.values} if mapping else {}
    groovy_map = "[" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in pairs.items()) + "]" if pairs else "[:]"
    fallback = _literal(getattr(mapping.fallback, target)) if mapping and mapping.fallback else f"replica.{name}?.name"
    return _MAPPED.format(name=name, mapping=groovy_map, fallback=fallback, finder=_FINDER[name], apply=_APPLY[name])


def trigger_jql(scope: Scope) -> str:
    """The JQL of an Automatic direction's trigger: the sending side's project and filters (OR within one
    filter, AND across them)."""
    clauses = [f"project = {_jql_literal(scope.project_key)}"]
    for clause, values in (("issuetype", scope.issue_types), ("priority", scope.priorities),
                           ("status", scope.statuses), ("labels", scope.labels)):
        if values:
            clauses.append(f"{clause} in ({', '.join(_jql_literal(v) for v in values)})")
    return " AND ".join(clauses)


def _jql_literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _literal(text: str) -> str:
    # A JSON string literal is also a valid Groovy double-quoted string; a dollar sign would start a Groovy
    # interpolation.
    return json.dumps(text, ensure_ascii=False).replace("$", "\\$")
