"""The bundled demo shop, Stride: `smooth` has no potholes, `potholed` plants every
friction kind.

    with serve("potholed") as shop:
        ...walk shop.url...

`load_manifest()` lists what the potholed shop plants, and which journey meets it.
"""

from ._app import MODES, create_app
from ._manifest import Pothole, load_manifest
from ._server import DemoServer, serve, serve_forever

__all__ = [
    "MODES",
    "DemoServer",
    "Pothole",
    "create_app",
    "load_manifest",
    "serve",
    "serve_forever",
]
