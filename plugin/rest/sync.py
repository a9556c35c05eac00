"""Issue sync resources: Exalate, Connect and Unexalate an issue, its sync status, a connection's Bulk Connect
and Clean-up; and the node-to-node
resources the two ends of a connection sync through (signed with the connection's node tokens)."""

from __future__ import annotations

import base64

from flask import Blueprint, request

from ..auth import current_user
from ..exalate import nodeauth
from ..exalate.sync.operations import TwinView
from ..web import exalate
from .errors import json_body, query_args
from .sync_schemas import (
    BulkConnectInput,
    BulkConnectSchema,
    ConnectInput,
    IssueOperationInput,
    NodeAttachmentSchema,
    NodeSyncInput,
    PendingArgs,
    PendingSchema,
    SyncStatusSchema,
    TakenInput,
    TakenSchema,
    TwinSchema,
)
from .trigger_schemas import BulkSchema

_status = SyncStatusSchema()
_twin = TwinSchema()
_attachment = NodeAttachmentSchema()
_bulk_connect = BulkConnectSchema()
_count = BulkSchema()
_pending = PendingSchema()
_taken = TakenSchema()


def exalate_issue(issue_key: str):
    body = json_body(IssueOperationInput())
    twin = exalate().sync.exalate_issue(body["connection"], issue_key, current_user(), refuse_synced=True)
    return _twin_json(twin), 202


def connect_issue(issue_key: str):
    body = json_body(ConnectInput())
    twin = exalate().sync.connect_issue(body["connection"], issue_key, body["remote_issue_key"], current_user())
    return _twin_json(twin), 202


def unexalate_issue(issue_key: str):
    body = json_body(IssueOperationInput())
    exalate().sync.unexalate_issue(body["connection"], issue_key, current_user())
    return "", 204


def sync_status(issue_key: str):
    return _status.dump(exalate().sync.sync_status(issue_key))


def bulk_connect(connection_id: int):
    pairs = [(pair["local_issue_key"], pair["remote_issue_key"]) for pair in json_body(BulkConnectInput())["pairs"]]
    return _bulk_connect.dump(exalate().sync.bulk_connect(connection_id, pairs, current_user()))


def clean_up(connection_id: int):
    return _count.dump({"count": exalate().sync.clean_up(connection_id)})


def node_sync(uid: str):
    exalate().sync.receive(uid, request.headers.get(nodeauth.HEADER), json_body(NodeSyncInput()))
    return {}, 202


def node_sync_ack(uid: str):
    exalate().sync.acknowledged(uid, request.headers.get(nodeauth.HEADER), json_body(NodeSyncInput()))
    return {}


def node_sync_pending(uid: str):
    args = query_args(PendingArgs())
    return _pending.dump({"results": exalate().sync.hand_over(uid, request.headers.get(nodeauth.HEADER),
                                                              args["limit"])})


def node_sync_taken(uid: str):
    body = json_body(TakenInput())
    return _taken.dump({"count": exalate().sync.taken(uid, request.headers.get(nodeauth.HEADER), body["event_ids"])})


def node_attachment(uid: str, attachment_id: str):
    attachment = exalate().sync.attachment(uid, request.headers.get(nodeauth.HEADER), attachment_id)
    return _attachment.dump({"filename": attachment.filename, "mime_type": attachment.mime_type,
                             "content": base64.b64encode(attachment.content).decode()})


def _twin_json(twin) -> dict:
    return _twin.dump(TwinView(twin))


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/issues/<issue_key>/exalate", view_func=exalate_issue, methods=["POST"])
    rule("/issues/<issue_key>/connect", view_func=connect_issue, methods=["POST"])
    rule("/issues/<issue_key>/unexalate", view_func=unexalate_issue, methods=["POST"])
    rule("/issues/<issue_key>/sync-status", view_func=sync_status, methods=["GET"])
    rule("/connections/<int:connection_id>/bulk-connect", view_func=bulk_connect, methods=["POST"])
    rule("/connections/<int:connection_id>/clean-up", view_func=clean_up, methods=["POST"])
    rule("/node/connections/<uid>/sync", view_func=node_sync, methods=["POST"])
    rule("/node/connections/<uid>/sync/ack", view_func=node_sync_ack, methods=["POST"])
    rule("/node/connections/<uid>/sync/pending", view_func=node_sync_pending, methods=["GET"])
    rule("/node/connections/<uid>/sync/taken", view_func=node_sync_taken, methods=["POST"])
    rule("/node/connections/<uid>/attachments/<attachment_id>", view_func=node_attachment, methods=["GET"])
