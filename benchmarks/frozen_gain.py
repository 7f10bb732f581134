"""What content/frozen.py saves: the content's value classes as they are (on
:class:`hiptui.content.frozen.Frozen`) beside the same classes as frozen, slotted dataclasses.

Usage: uv run python benchmarks/frozen_gain.py [--runs N]

A temporary module holds a dataclass twin of every Frozen class in :mod:`hiptui.content.models`
(the same names, fields and which of them have defaults), written once and imported from its
cached bytecode like any module. Whole processes, taking turns: `python -c pass`, `import
hiptui.content.models` (as shipped), the same plus the twin module (what the dataclass version
would add: importing dataclasses, which imports inspect, and running its decorator over each
class), and `hiptui cues glute-bridge` for scale. The gain is the third's median minus the
second's, beside the whole `hiptui cues`.
"""

from __future__ import annotations

import argparse
import inspect
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import load_line, median, ratio_rows, time_interleaved

from hiptui.content import models
from hiptui.content.frozen import Frozen


def twin_source() -> tuple[str, int]:
    """The dataclass twin module's text, and how many classes it holds."""
    lines = ["from dataclasses import dataclass", ""]
    count = 0
    for name, cls in vars(models).items():
        if not (isinstance(cls, type) and issubclass(cls, Frozen) and cls is not Frozen):
            continue
        if cls.__module__ != models.__name__:
            continue
        count += 1
        parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
        lines += ["", "@dataclass(frozen=True, slots=True)", f"class {name}:"]
        for parameter in parameters:
            default = "" if parameter.default is inspect.Parameter.empty else " = None"
            lines.append(f"    {parameter.name}: object{default}")
        lines.append("")
    return "\n".join(lines), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")
    with tempfile.TemporaryDirectory() as folder:
        source, count = twin_source()
        (Path(folder) / "dataclass_twin.py").write_text(source, encoding="utf-8")
        env = {"PYTHONPATH": folder}
        python = sys.executable
        cases = {
            "python -c pass": [python, "-c", "pass"],
            "import hiptui.content.models (Frozen)": [
                python, "-c", "import hiptui.content.models",
            ],
            f"the same + {count} dataclass twins": [
                python, "-c", "import hiptui.content.models, dataclass_twin",
            ],
            "hiptui cues glute-bridge": [script, "cues", "glute-bridge"],
        }  # fmt: skip
        print(load_line())
        timed = time_interleaved([(argv, env) for argv in cases.values()], runs=args.runs)
        samples = dict(zip(cases, timed, strict=True))
        print(ratio_rows(samples, "python -c pass"))
        frozen, twins, cues = (median(samples[label]) for label in list(cases)[1:])
        print(
            f"dataclasses would add {twins - frozen:.1f} ms to the content models' import, "
            f"{(twins - frozen) / cues:.0%} of hiptui cues ({cues:.1f} ms)"
        )
        print(load_line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
