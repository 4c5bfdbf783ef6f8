"""What every screenshot tool shares: settle Qt and the worker, save a widget as a PNG."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def settler(app: Any) -> Callable[..., None]:
    """``settle(bridge=None, rounds=6)``: let Qt and the bridge's worker finish their work."""

    def settle(bridge: Any = None, rounds: int = 6) -> None:
        for _ in range(rounds):
            app.processEvents()
            if bridge is not None:
                bridge.wait()
            time.sleep(0.06)
            app.processEvents()

    return settle


def saver(out: Path) -> Callable[[Any, str], None]:
    """``save(widget, name)``: grab ``widget`` to ``out/name.png`` and print the path."""

    def save(widget: Any, name: str) -> None:
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    return save
