"""The leaderboard web app (Starlette): a live page, server-sent events and a small JSON API.

Routes, all below an optional prefix (JupyterHub serves services at /services/<name>/):
    GET  /                 the page: public board (private after reveal) and the best-score plot
    GET  /api/events       server-sent events: the standings each time they change
    GET  /api/standings    the boards as JSON          GET /api/health   liveness and challenge facts
    POST /api/submit       predictions, token in `Authorization: Bearer <token>`
    POST /api/choose       {"submission_id": id, "chosen": true|false}
"""

from __future__ import annotations

import asyncio
import json
import time
from importlib import resources

from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route

from visiondl.leaderboard import rules
from visiondl.leaderboard.rules import SubmissionError
from visiondl.leaderboard.store import Store

MAX_BODY = 1_000_000  # bytes; 10,000 predictions as JSON take about 30 kB
POLL_SECONDS = 5.0  # streams also poll, for changes by other processes (`reveal`), and keep alive


class Broadcaster:
    """Wakes every open event stream when this process stores a submission, and computes the
    standings once per change for all of them (a class of 200 may keep 200 pages open)."""

    def __init__(self, store: Store):
        self.store, self.version, self.changed = store, 0, asyncio.Event()
        self.lock, self.key, self.mark, self.data = asyncio.Lock(), None, None, None

    def notify(self) -> None:
        self.version += 1
        self.changed.set()
        self.changed = asyncio.Event()

    async def snapshot(self) -> tuple[tuple, str]:
        """Return (fingerprint, standings JSON): re-read after a notify or once per poll interval."""
        async with self.lock:
            key = (self.version, int(time.monotonic() // POLL_SECONDS))
            if key != self.key:
                mark = await to_thread.run_sync(self.store.fingerprint)
                if mark != self.mark or self.data is None:
                    self.data = json.dumps(await to_thread.run_sync(self.store.standings))
                    self.mark = mark
                self.key = key
            return self.mark, self.data


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """Return the request body, refusing (413) more than `limit` bytes before reading them all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise SubmissionError(413, "too_large", f"the body has {declared} bytes; the limit is {limit}.")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise SubmissionError(413, "too_large", f"the body exceeds the limit of {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise SubmissionError(400, "disconnected", "the client went away mid-request.") from None
    return b"".join(chunks)


async def predictions_of(request: Request, n: int) -> tuple[list, dict]:
    """Return (predictions, options) from a JSON body, a raw `text/csv` body or a multipart CSV upload."""
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        body = await read_body(request)  # the size cap first; then parse the bytes already read

        async def replay():
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            form = await Request(request.scope, receive=replay).form()
        except Exception as error:
            raise SubmissionError(400, "malformed_form", f"could not read the upload ({error}).") from None
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise SubmissionError(400, "malformed_form", "upload the CSV as the form field 'file'.")
        text = (await upload.read()).decode("utf-8", errors="replace")
        return rules.parse_csv(text, n), {k: v for k, v in form.items() if k in ("team", "chosen")}
    body = await read_body(request)
    if kind in ("text/csv", "text/plain"):
        return rules.parse_csv(body.decode("utf-8", errors="replace"), n), dict(request.query_params)
    if kind != "application/json":
        raise SubmissionError(415, "unsupported_type", f"send application/json or text/csv, not {kind}.")
    payload = rules.parse_json_body(body)
    if "predictions" not in payload:
        raise SubmissionError(400, "malformed_json", 'the JSON object needs a "predictions" list.')
    return payload["predictions"], payload


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def truthy(value) -> bool:
    return value is True or str(value).lower() in ("1", "true", "yes", "on")


def create_app(db: str, prefix: str = "/") -> Starlette:
    """Return the ASGI app for the challenge in `db`, served below `prefix` (e.g. /services/leaderboard/)."""
    store = Store(db)
    store.challenge()  # fail now, with a message, if `create` has not run
    hub = Broadcaster(store)
    page = resources.files("visiondl.leaderboard").joinpath("page.html").read_text()

    async def guarded(call):
        try:
            return await call()
        except SubmissionError as error:
            return JSONResponse(error.to_json(), status_code=error.status, headers=error.headers)

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def health(request: Request) -> Response:
        info = await to_thread.run_sync(store.info)
        return JSONResponse({"status": "ok", **info})

    async def standings(request: Request) -> Response:
        return JSONResponse(await to_thread.run_sync(store.standings))

    async def submit(request: Request) -> Response:
        async def call():
            team = await to_thread.run_sync(store.authenticate, bearer(request), None)
            info = await to_thread.run_sync(store.info)
            values, options = await predictions_of(request, info["n"])
            if options.get("team") is not None and str(options["team"]) != team.name:
                raise SubmissionError(
                    403, "other_team", f"this token belongs to another team, not to {options['team']!r}."
                )
            result = await to_thread.run_sync(
                store.submit, team, values, truthy(options.get("chosen", False))
            )
            hub.notify()
            return JSONResponse(result, status_code=201)

        return await guarded(call)

    async def choose(request: Request) -> Response:
        async def call():
            team = await to_thread.run_sync(store.authenticate, bearer(request), None)
            payload = rules.parse_json_body(await read_body(request))
            sid = payload.get("submission_id")
            if type(sid) is not int:
                raise SubmissionError(
                    400, "malformed_json", 'give {"submission_id": <int>, "chosen": true|false}.'
                )
            result = await to_thread.run_sync(store.choose, team, sid, truthy(payload.get("chosen", True)))
            hub.notify()
            return JSONResponse(result)

        return await guarded(call)

    async def events(request: Request) -> Response:
        async def stream():
            seen = None
            while True:
                mark, data = await hub.snapshot()
                if mark != seen:
                    seen = mark
                    yield f"event: standings\ndata: {data}\n\n"
                else:
                    yield ": keep-alive\n\n"
                if await request.is_disconnected():
                    return
                try:
                    await asyncio.wait_for(hub.changed.wait(), timeout=POLL_SECONDS)
                except asyncio.TimeoutError:
                    pass

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    routes = [
        Route("/", index),
        Route("/api/health", health),
        Route("/api/standings", standings),
        Route("/api/events", events),
        Route("/api/submit", submit, methods=["POST"]),
        Route("/api/choose", choose, methods=["POST"]),
    ]
    prefix = "/" + prefix.strip("/")
    if prefix == "/":
        return Starlette(routes=routes)

    async def to_prefix(request: Request) -> Response:
        return RedirectResponse(prefix + "/")

    return Starlette(routes=[Route(prefix, to_prefix), Mount(prefix, routes=routes), Route("/", to_prefix)])
