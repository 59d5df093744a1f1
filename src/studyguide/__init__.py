"""studyguide: YAML course units in, print-ready study-guide PDFs out."""

import importlib as _importlib
import importlib.util as _util
import sys as _sys
import types as _types

__version__ = "0.1.0"


def _import_lazily(name: str) -> None:
    """Make `import name` free until an attribute of the module is first used.

    ReportLab imports uharfbuzz at start-up whenever it is installed (0.1-0.4 s); only
    units with text that must be shaped use it (studyguide.shaping), so until then the
    name is a stub module that imports the real one on first use (PEP 562 __getattr__;
    importlib's LazyLoader would load at once, as `import` reads the module's __spec__)."""
    if name in _sys.modules:
        return
    spec = _util.find_spec(name)
    if spec is None:
        return
    stub = _types.ModuleType(name)
    stub.__spec__ = spec

    def __getattr__(attr: str):
        real = _sys.modules.get(name)
        if real is None or real is stub:
            _sys.modules.pop(name, None)
            real = _importlib.import_module(name)
        return getattr(real, attr)

    vars(stub)["__getattr__"] = __getattr__  # a module-level __getattr__ (PEP 562)
    _sys.modules[name] = stub


_import_lazily("uharfbuzz")
