"""The web server of `koploper web`: textual-serve, with access checked before any app process starts.

Every request needs a colleague's token: the first visit carries it in the link (`/?token=…`), the
server answers with an HttpOnly cookie and a redirect to the bare address (so the token leaves the
address bar and the history), and later requests (the page, its scripts, the websocket) carry the
cookie. A missing or wrong token gets a plain Dutch page and no process. Each websocket is one browser
tab and one app process, started with that colleague's own folder (KOPLOPER_USER_DIR); closing the
tab closes the websocket and ends the process.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.web.access import AccessList
from tui.web.pages import denied_page
from tui.web.shared_model import SharedModel

log = logging.getLogger("koploper-web")

COOKIE = "koploper_toegang"
QUIT_GRACE = 10.0
"""Seconds an app gets to quit after its tab closed. One that is still loading the model would finish
loading first (half a minute on a busy machine); after this it is killed. Nothing is lost: the
conversation is saved after every reply, and the app only reads the index."""
TEMPLATES = Path(__file__).with_name("templates")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ColleagueAppService(AppService):
    """One app process for one colleague: the usual textual-serve process, with their own folder."""

    def __init__(self, command: str, colleague: str, user_dir: Path, model_socket: Path | None, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.colleague = colleague
        self.user_dir = user_dir
        self.model_socket = model_socket

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["KOPLOPER_USER_DIR"] = str(self.user_dir)
        if self.model_socket is not None:
            environment["KOPLOPER_ENCODER_SOCKET"] = str(self.model_socket)
        return environment

    async def stop(self) -> None:
        """Ask the app to quit (textual-serve's way); kill it when it has not quit within QUIT_GRACE."""
        process = self._process
        stopping = asyncio.ensure_future(super().stop())
        try:
            await asyncio.wait_for(asyncio.shield(stopping), QUIT_GRACE)
        except TimeoutError:
            if process is not None and process.returncode is None:
                process.kill()  # SIGTERM would only ask again: Textual's web driver treats it as quit
            await stopping


def is_https(request: web.Request) -> bool:
    """True behind a TLS-terminating reverse proxy that says so (X-Forwarded-Proto), or with TLS itself."""
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


class KoploperServer(Server):
    """textual-serve's server with per-colleague access, folders and a page that loads nothing from outside."""

    def __init__(
        self, command: str, host: str, port: int, access: AccessList, team_dir: Path, shared_model: SharedModel | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title="Koploper", templates_path=TEMPLATES)
        self.access = access
        self.team_dir = team_dir
        self.shared_model = shared_model
        """The one model process the tabs embed with; None: every tab loads the model itself."""
        self.sessions: set[ColleagueAppService] = set()
        """The running app processes (one per open tab)."""

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.check_access)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: `koploper web` says where to go before the server starts."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C or SIGTERM: every open tab's app quits (and saves) before the server goes, none is orphaned."""
        await asyncio.gather(*(service.stop() for service in list(self.sessions)), return_exceptions=True)

    def user_dir(self, colleague: str) -> Path:
        return self.team_dir / colleague

    @web.middleware
    async def check_access(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Let a request through only with a colleague's token; before any handler (and so any process) runs."""
        offered = request.query.get("token")
        if offered is not None:
            if self.access.who(offered) is None:
                return denied_page(403, "Deze toegangscode klopt niet.",
                                   "Vraag de beheerder van Koploper om uw eigen link en open die opnieuw.")
            query = request.rel_url.query.copy()
            del query["token"]
            response = web.Response(status=303, headers={"Location": str(request.rel_url.with_query(query))})
            response.set_cookie(COOKIE, offered, httponly=True, samesite="Strict", secure=is_https(request), path="/")
            return response
        cookie = request.cookies.get(COOKIE)
        colleague = self.access.who(cookie)
        if colleague is None:
            if cookie:
                return denied_page(403, "Deze toegangscode is niet (meer) geldig.",
                                   "Vraag de beheerder van Koploper om een nieuwe link en open die.")
            return denied_page(401, "Voor Koploper is een persoonlijke toegangscode nodig.",
                               "Open de link die u van de beheerder kreeg (die eindigt op ?token=…).")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin and urlsplit(origin).netloc != request.host:
            return denied_page(403, "Deze verbinding komt van een andere website.",
                               "Open Koploper rechtstreeks via zijn eigen adres.")
        request["colleague"] = colleague
        return await handler(request)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page: addresses from the request itself (also right behind a reverse proxy), nothing external."""
        scheme = "wss" if is_https(request) else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
            "colleague": request["colleague"],
        }

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export offered to the browser, only to the colleague whose app made it."""
        try:
            meta = await self.download_manager.get_download_metadata(request.match_info["key"])
        except KeyError:
            raise web.HTTPNotFound(text="Dit bestand is er niet (meer).") from None
        owner = getattr(meta.app_service, "colleague", None)
        if owner != request["colleague"]:
            raise web.HTTPNotFound(text="Dit bestand is er niet (meer).")
        return await super().handle_download(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab = one app process in the colleague's own folder; it ends when the tab closes."""
        colleague: str = request["colleague"]
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        user_dir = self.user_dir(colleague)
        app_service: ColleagueAppService | None = None
        try:
            user_dir.mkdir(parents=True, exist_ok=True)
            os.chmod(user_dir, 0o700)
            await websocket.prepare(request)
            if self.shared_model is not None:
                self.shared_model.ensure_running()
            app_service = ColleagueAppService(
                self.command,
                colleague,
                user_dir,
                self.shared_model.socket if self.shared_model is not None else None,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            self.sessions.add(app_service)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
                self.sessions.discard(app_service)
        return websocket
