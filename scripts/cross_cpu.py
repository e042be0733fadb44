"""The refusal decisions on this CPU and on an emulated AVX2-only one (`make cross-cpu`, ~6 minutes).

Builds the bundled-article index, computes the answerability features of the calibration
questions here and under QEMU emulating an AMD EPYC Rome (no AVX-512, no VNNI: onnxruntime picks
its AVX2 kernels), and prints how far the features move and whether the committed refusal
settings decide any question differently. Needs qemu-user (`apt-get install qemu-user`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EMULATED_CPU = "EPYC-Rome"
FEATURES = """
import importlib.util, json, sys
from rag import Assistant
spec = importlib.util.spec_from_file_location("calibrate", sys.argv[1] + "/scripts/calibrate_refusal.py")
calibrate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibrate)
assistant = Assistant.build([calibrate.ROOT / "data" / "articles"], sys.argv[2])
records = calibrate.load_records(calibrate.ROOT / calibrate.CALIBRATION_SETS[0][0])
x, y = calibrate.features(assistant, records)
print(json.dumps({"x": x.tolist(), "y": y.tolist()}))
"""


def features(prefix: list[str], work: Path) -> tuple[np.ndarray, np.ndarray]:
    run = subprocess.run(prefix + [sys.executable, "-c", FEATURES, str(ROOT), str(work)], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    data = json.loads(run.stdout.strip().splitlines()[-1])
    return np.asarray(data["x"]), np.asarray(data["y"])


def main() -> int:
    qemu = shutil.which("qemu-x86_64")
    if not qemu:
        sys.exit("qemu-x86_64 not found: apt-get install qemu-user")
    sys.path.insert(0, str(ROOT / "scripts"))
    import calibrate_refusal as calibrate

    from rag import Settings

    settings = Settings()
    committed = {key: getattr(settings, key) for key in
                 ("answer_above", "refuse_below", "answerability_weights", "answerability_bias")}
    with tempfile.TemporaryDirectory() as work:
        x_here, y = features([], Path(work) / "here")
        x_there, _ = features([qemu, "-cpu", EMULATED_CPU], Path(work) / "emulated")
    print(f"features (best, stand-alone, unknown) max difference: {np.abs(x_here - x_there).max(axis=0).round(4)}")
    for name, x in (("this CPU", x_here), (f"emulated {EMULATED_CPU}", x_there)):
        answered = calibrate.decide(x, committed)
        balanced = (answered[y == 1].mean() + (~answered[y == 0]).mean()) / 2
        print(f"{name:22} refit {calibrate.calibrate(x, y)}; committed settings: balanced accuracy {balanced:.3f}")
    moved = int((calibrate.decide(x_here, committed) != calibrate.decide(x_there, committed)).sum())
    print(f"committed settings decide {moved} of {len(y)} calibration questions differently on the two CPUs")
    return 1 if moved > 1 else 0


if __name__ == "__main__":
    sys.exit(main())
