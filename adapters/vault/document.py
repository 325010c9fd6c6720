"""What the vault file holds once decrypted: the token set and a login in progress, as JSON."""

import datetime as dt
import json

import attrs

from trade_analyst.ports import PendingLogin, TokenSet

FORMAT = "trade-analyst-vault"
VERSION = 1


@attrs.frozen(kw_only=True)
class VaultDocument:
    tokens: TokenSet | None = None
    pending: PendingLogin | None = None


class MalformedDocument(ValueError):
    """The decrypted bytes are not a vault document (says nothing about their content)."""


def dump(document: VaultDocument) -> bytes:
    tokens = document.tokens
    pending = document.pending
    data: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "tokens": None
        if tokens is None
        else {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "access_expires_at": tokens.access_expires_at.isoformat(),
            "refresh_issued_at": tokens.refresh_issued_at.isoformat(),
            "token_type": tokens.token_type,
            "scope": tokens.scope,
            "id_token": tokens.id_token,
        },
        "pending_login": None
        if pending is None
        else {
            "state": pending.state,
            "code_verifier": pending.code_verifier,
            "redirect_uri": pending.redirect_uri,
            "created_at": pending.created_at.isoformat(),
        },
    }
    return json.dumps(data, separators=(",", ":")).encode()


def load(raw: bytes) -> VaultDocument:
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MalformedDocument("not a vault document")
        if data.get("version") != VERSION:
            raise MalformedDocument(f"unsupported vault version {data.get('version')!r}")
        return VaultDocument(
            tokens=_tokens(data["tokens"]), pending=_pending(data["pending_login"])
        )
    except MalformedDocument:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        # The underlying message could quote a token; only its type is kept.
        raise MalformedDocument(f"malformed vault document ({type(exc).__name__})") from None


def _tokens(value: object) -> TokenSet | None:
    if value is None:
        return None
    fields = _object(value)
    id_token = fields.get("id_token")
    return TokenSet(
        access_token=_text(fields["access_token"]),
        refresh_token=_text(fields["refresh_token"]),
        access_expires_at=_time(fields["access_expires_at"]),
        refresh_issued_at=_time(fields["refresh_issued_at"]),
        token_type=_text(fields["token_type"]),
        scope=_text(fields["scope"]),
        id_token=None if id_token is None else _text(id_token),
    )


def _pending(value: object) -> PendingLogin | None:
    if value is None:
        return None
    fields = _object(value)
    verifier = fields.get("code_verifier")
    return PendingLogin(
        state=_text(fields["state"]),
        code_verifier=None if verifier is None else _text(verifier),
        redirect_uri=_text(fields["redirect_uri"]),
        created_at=_time(fields["created_at"]),
    )


def _object(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _time(value: object) -> dt.datetime:
    return dt.datetime.fromisoformat(_text(value))
