"""Fetch the bundled typeface once: Atkinson Hyperlegible (SIL Open Font License 1.1).

Run by a developer, never by the kiosk (the kiosk has no network). It asks npm
for the package ``@expo-google-fonts/atkinson-hyperlegible`` (the Google Fonts
TTFs), checks each file against the checksum below, and writes the regular
and bold faces and the licence into resources/fonts/, where they are committed.

    python3 tools/fetch_fonts.py [--out resources/fonts]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@expo-google-fonts/atkinson-hyperlegible@0.4.1"
# archive member -> (file written, sha256 of the file as published)
FILES = {
    "package/400Regular/AtkinsonHyperlegible_400Regular.ttf": (
        "AtkinsonHyperlegible-Regular.ttf",
        "752bace0a9820236f24d65d680ac07aeb543c92dd903c871e09f6627261b812f"),
    "package/700Bold/AtkinsonHyperlegible_700Bold.ttf": (
        "AtkinsonHyperlegible-Bold.ttf",
        "9ebfea858a99e61e2fc299d194ba55b87de4884094f86fdcb6fa0d510b9d77da"),
    "package/LICENSE_FONT": ("OFL.txt", ""),
}
ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "fonts")
    args = parser.parse_args(argv)
    if shutil.which("npm") is None:
        print("fetch_fonts: npm is not installed (apt-get install npm)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp,
                              capture_output=True, text=True)
        archives = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or not archives:
            print(f"fetch_fonts: npm pack {PACKAGE} failed: {done.stderr.strip()[-300:]}",
                  file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archives[0]) as archive:
            for member, (name, digest) in FILES.items():
                handle = archive.extractfile(member)
                if handle is None:
                    print(f"fetch_fonts: {member} is missing from {PACKAGE}", file=sys.stderr)
                    return 1
                data = handle.read()
                actual = hashlib.sha256(data).hexdigest()
                if digest and actual != digest:
                    print(f"fetch_fonts: {member}: sha256 {actual}, expected {digest}",
                          file=sys.stderr)
                    return 1
                (args.out / name).write_bytes(data)
                print(f"wrote {args.out / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
