"""The bundled MiniLM as an int8 ONNX Runtime model, built once from the model folder and cached.

Why this route. `sentence-transformers[onnx]` (optimum) pins older sentence-transformers and
transformers and downgraded them here, so we do not use it. `torch.onnx.export` of the bare
transformer (inputs `input_ids`/`attention_mask`/`token_type_ids`, output `last_hidden_state`,
dynamic batch and sequence axes) needs only torch, which is a product dependency anyway; the
TorchScript exporter (`dynamo=False`) exports this BERT in about a second with no extra package,
where the torch.export-based one needs `onnxscript` and is slower. Pooling stays in numpy in
`rag.embedding`, so per-sentence (span) vectors come from the same `last_hidden_state` for
both backends. onnxruntime's own `quantize_dynamic` (needs `onnx`) then makes the weights int8.

The same model on every CPU, and the fast int8 path on CPUs that have one: weights are signed and
7-bit (−63…63), activations unsigned 8-bit. With VNNI (AVX-512 VNNI, AVX-VNNI) onnxruntime multiplies
u8×s8 exactly in 32 bits; without it, AVX2's `vpmaddubsw` adds two u8×s8 products in 16 bits, which
7-bit weights can never saturate (255·63·2 = 32,130 < 32,767). So every x86-64 CPU computes the same
integer products from the same file; only float kernels (layer norm, softmax, GELU) differ by
instruction set, by cosine ≥ 0.9999999 (measured against an emulated AVX2-only CPU), provided the
graph is not fused for the machine it was built on (`_optimise`). Measured on a
Xeon with AVX-512 VNNI, one text per call (CPU seconds): u8×s7 9,150 word pieces/s, u8×u8 (the
recipe before: exact everywhere too, but no VNNI kernel) 4,450, float32 4,300; full-range s8
weights run 6 % faster with VNNI but saturate without it, which is why they are not used.
Agreement with torch: u8×s7 mean cosine 0.9919 (sentences 0.9917), u8×u8 0.9932, full s8 0.9930.
Weights are quantised per output channel: per-tensor scales gave mean cosine 0.961 to the torch vectors on
the agreement sample (under the 0.99 floor), per-channel 0.993. The MatMul weights and the
embedding tables (Gather) are quantised: 22 MB instead of 59 MB, same agreement, faster to load.
onnxruntime's basic graph rewrites are applied once at build time and saved, so loading skips them.

Nothing is downloaded: everything comes from the installed model folder. The cache folder is
`$RAG_CACHE_DIR/onnx/<key>/` (default `~/.cache/news-rag/onnx/<key>/`), where the key names the
model folder's files (path, size, mtime), the recipe and the onnxruntime version; it holds `model.onnx`
and `meta.json` with the measured agreement with the torch model. Building needs torch; loading
needs only onnxruntime and numpy.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

# Bump when the export or quantisation recipe changes: old caches are then rebuilt, not reused.
RECIPE = "torchscript-opset17-qint7-perchannel-gather-ortbasic-v3"
# The ONNX model is used only when its vectors agree this well with the torch model's.
AGREEMENT_FLOOR = 0.99
MODEL_FILE = "model.onnx"
META_FILE = "meta.json"


class OnnxUnavailable(Exception):
    """The ONNX model cannot be built, loaded or trusted; the message says why."""


@dataclass(frozen=True)
class Agreement:
    """Cosine of ONNX vs torch vectors on the fixed sample: whole texts and their sentences."""

    texts: int
    mean_cosine: float
    min_cosine: float
    sentences: int
    sentence_mean_cosine: float
    sentence_min_cosine: float

    @property
    def acceptable(self) -> bool:
        return self.mean_cosine >= AGREEMENT_FLOOR and self.sentence_mean_cosine >= AGREEMENT_FLOOR


# A runner maps (input_ids, attention_mask, token_type_ids), each (batch, seq) int64, to the
# transformer's last_hidden_state (batch, seq, dim) float32.
Runner = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def cache_root() -> Path:
    base = os.environ.get("RAG_CACHE_DIR")
    if base:
        return Path(base) / "onnx"
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg) / "news-rag" / "onnx"


# The CPU features that decide int8 speed, as /proc/cpuinfo names them.
INT8_FEATURES = {"avx2": "AVX2", "avx512f": "AVX-512", "avx512_vnni": "AVX-512 VNNI", "avx_vnni": "AVX-VNNI",
                 "amx_int8": "AMX-INT8 (listed; used only where the OS enables it)"}


def cpu_int8_features() -> list[str]:
    """The int8-relevant instruction sets the CPU lists (AMX may be listed yet not enabled by the OS/VM)."""
    try:
        info = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return []
    flags = set(next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), []))
    return [name for flag, name in INT8_FEATURES.items() if flag in flags]


def has_vnni() -> bool:
    """Whether the CPU has int8 dot-product instructions (AVX-512 VNNI or AVX-VNNI)."""
    return any("VNNI" in name for name in cpu_int8_features())


def model_key(model_dir: Path) -> str:
    """Names the model folder's files without reading the weights (a cold `ask` cannot afford it)."""
    h = hashlib.sha256(f"{RECIPE}|ort={_ort_version()}|{model_dir.resolve()}".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        st = path.stat()
        h.update(f"|{path.relative_to(model_dir)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _ort_version() -> str:
    """The saved graph holds onnxruntime's own fused ops: a new onnxruntime rebuilds it."""
    try:
        import onnxruntime
    except ImportError:
        return "none"
    return onnxruntime.__version__


def model_folder(model_dir: Path, root: Path | None = None) -> Path:
    return (root or cache_root()) / model_key(model_dir)


def read_meta(folder: Path) -> dict:
    try:
        return json.loads((folder / META_FILE).read_text())
    except (OSError, ValueError) as exc:
        raise OnnxUnavailable(f"{folder / META_FILE} is missing or unreadable ({exc})") from None


def load(folder: Path, *, threads: int | None = None) -> tuple[Runner, dict]:
    """A runner over the cached model in `folder`, and its meta (agreement included)."""
    meta = read_meta(folder)
    if "error" in meta:
        raise OnnxUnavailable(meta["error"])
    path = folder / MODEL_FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OnnxUnavailable(f"cannot read {path} ({exc})") from None
    if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        raise OnnxUnavailable(f"{path} does not match the checksum recorded when it was built (corrupted?)")
    agreement = Agreement(**meta["agreement"])
    if not agreement.acceptable:
        raise OnnxUnavailable(
            f"its vectors agree with the torch model only to mean cosine {agreement.mean_cosine:.4f} "
            f"(sentences {agreement.sentence_mean_cosine:.4f}), under {AGREEMENT_FLOOR}"
        )
    return session(data, threads=threads, source=path), meta


def session(data: bytes, *, threads: int | None = None, source: Path | None = None) -> Runner:
    """An onnxruntime session over model bytes that runs one text per call, `threads` texts at a time."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise OnnxUnavailable(f"onnxruntime is not installed ({exc})") from None
    options = ort.SessionOptions()
    # One intra-op thread per call and one call per core in parallel: a single text's matrices are too
    # small to split across cores, and idle intra-op threads spin. Measured on 47 news chunks (2 cores,
    # shared machine): 2 intra-op threads, one text at a time, 5.2 CPU-s and 21 s; one thread, two
    # texts at a time, 2.7 CPU-s and 7.5 s. No spinning either: the session idles between questions.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # The graph was optimised when it was built (`_optimise`); no further fusion: see `_optimise`.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.log_severity_level = 3
    try:
        sess = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types for a bad model
        raise OnnxUnavailable(f"onnxruntime cannot load {source} ({type(exc).__name__}: {exc})") from None
    names = {i.name for i in sess.get_inputs()}
    workers = max(threads or _cores(), 1)
    pool: list = []  # the thread pool, made on the first batch (a question needs none)

    def one(input_ids: np.ndarray, attention_mask: np.ndarray, token_type_ids: np.ndarray, row: int, n: int):
        feed = {"input_ids": input_ids[row:row + 1, :n], "attention_mask": attention_mask[row:row + 1, :n],
                "token_type_ids": token_type_ids[row:row + 1, :n]}
        return sess.run(["last_hidden_state"], {k: v for k, v in feed.items() if k in names})[0][0]

    def run(input_ids: np.ndarray, attention_mask: np.ndarray, token_type_ids: np.ndarray) -> np.ndarray:
        # One text per call, without its padding: dynamic int8 quantisation takes one scale per
        # input tensor, so in a batch a text's vector would depend on its neighbours and padding
        # (cosine 0.991 between the same text in two batches). Alone, every text gets the same
        # vector whatever it is ingested with.
        lengths = [max(int(n), 1) for n in attention_mask.sum(axis=1)]
        args = [(input_ids, attention_mask, token_type_ids, row, n) for row, n in enumerate(lengths)]
        if len(args) > 1 and workers > 1:
            if not pool:
                from concurrent.futures import ThreadPoolExecutor

                pool.append(ThreadPoolExecutor(workers, thread_name_prefix="rag-onnx"))
            hidden = list(pool[0].map(lambda a: one(*a), args))
        else:
            hidden = [one(*a) for a in args]
        out = np.zeros((len(input_ids), input_ids.shape[1], hidden[0].shape[-1] if hidden else 0), np.float32)
        for row, (n, h) in enumerate(zip(lengths, hidden)):
            out[row, :n] = h
        return out

    return run


def build(model_dir: Path, folder: Path, *, torch_runner: Runner,
          measure: Callable[[Runner, Runner], Agreement]) -> None:
    """Export, quantise and measure into `folder` (atomically; one builder at a time)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.with_name(folder.name + ".lock")):
        if (folder / META_FILE).exists():
            return  # another process built it while we waited
        staging = folder.with_name(f".{folder.name}.building-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            started = time.perf_counter()
            fp32 = staging / "model.fp32.onnx"
            _export(model_dir, fp32)
            _quantise(fp32, staging / "model.int8.onnx")
            _optimise(staging / "model.int8.onnx", staging / MODEL_FILE)
            for scratch in (fp32, staging / "model.int8.onnx"):
                scratch.unlink()
            data = (staging / MODEL_FILE).read_bytes()
            agreement = measure(session(data, source=staging / MODEL_FILE), torch_runner)
            import onnxruntime
            import torch

            meta = {
                "recipe": RECIPE, "model_dir": str(model_dir), "vnni": has_vnni(),
                "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                "agreement": asdict(agreement), "agreement_floor": AGREEMENT_FLOOR,
                "build_seconds": round(time.perf_counter() - started, 1),
                "versions": {"torch": torch.__version__, "onnxruntime": onnxruntime.__version__},
            }
            (staging / META_FILE).write_text(json.dumps(meta, indent=2))
            os.replace(staging, folder)
        except OSError as exc:
            if (folder / META_FILE).exists():
                return
            raise OnnxUnavailable(f"cannot write the ONNX model under {folder.parent} ({exc})") from None
        except Exception as exc:  # exporter or quantiser: remember it, so later runs don't retry for 30 s each
            problem = f"building it failed ({type(exc).__name__}: {exc})"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            (staging / META_FILE).write_text(json.dumps({"recipe": RECIPE, "error": problem}))
            os.replace(staging, folder)
            raise OnnxUnavailable(problem) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _export(model_dir: Path, target: Path) -> None:
    import warnings

    import torch
    from transformers import AutoModel

    class LastHiddenState(torch.nn.Module):
        """The transformer with a fixed positional signature (its own forward takes many keywords)."""

        def __init__(self):
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    model = LastHiddenState().eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(target), dynamo=False,
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                          "last_hidden_state": axes},
            opset_version=17, do_constant_folding=True,
        )


def _quantise(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.disable(logging.WARNING)  # its advice to pre-process (needs shapes this export lacks) is noise
    try:
        quantize_dynamic(
            str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
            reduce_range=True, op_types_to_quantize=["MatMul", "Gather"],
        )
    finally:
        logging.disable(logging.NOTSET)


def _optimise(source: Path, target: Path) -> None:
    """Save onnxruntime's basic graph rewrites (constant folding, redundant nodes), once.

    Only the basic level: the extended level's fused int8 kernels (the MatMul fusions, attention,
    layer norm) give vectors that differ between CPUs with and without VNNI (cosine down to 0.997,
    measured against an emulated AVX2-only CPU), while the basic graph gives the same vectors to
    1e-7 on both, and runs as fast here (11,000 word pieces per CPU-second either way).
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    options.log_severity_level = 3
    ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@contextlib.contextmanager
def _locked(path: Path):
    import fcntl

    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# The fixed sample the agreement is measured on: news-like sentences and short paragraphs across
# beats (several sentences each, so per-sentence vectors are measured too).
AGREEMENT_SAMPLE: tuple[str, ...] = (
    "The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent inflation.",
    "Shares fell sharply in early trading after the company cut its full-year profit forecast. Analysts said weak demand in Europe was to blame.",
    "Rescue workers searched through the rubble overnight after a magnitude 6.4 earthquake struck the coastal region.",
    "The health ministry reported 1,200 new cases of the virus in the past 24 hours, the highest daily figure since March.",
    "Lawmakers approved the budget by a narrow margin late on Tuesday. The opposition called it a giveaway to the wealthy and vowed to challenge it in court.",
    "Police said three people were arrested after clashes broke out between protesters and security forces near parliament.",
    "The striker scored twice in the second half as the home side came from behind to win 3-2.",
    "Heavy rain caused flooding across the northern provinces, forcing thousands of families from their homes.",
    "The government announced a ceasefire on Friday, but residents reported sporadic gunfire in the border villages. Aid agencies said they were still unable to reach the worst-hit areas.",
    "Scientists say the new battery design could double the range of electric cars while cutting charging times.",
    "The airline cancelled hundreds of flights after a software outage grounded its fleet for several hours.",
    "Unemployment fell to 4.1 percent in October, according to figures released by the statistics office.",
    "The foreign minister said talks with neighbouring countries had been constructive but that no agreement had been reached.",
    "Firefighters contained the wildfire after a week-long battle. More than 200 homes were destroyed and two people died.",
    "The court sentenced the former mayor to eight years in prison for corruption and money laundering.",
    "Oil prices climbed above $90 a barrel after producers agreed to extend output cuts into next year.",
    "A spokesman for the ministry denied reports that the minister would resign. He said she retained the full confidence of the prime minister.",
    "Teachers walked out of classrooms across the country on Monday in a dispute over pay and working conditions.",
    "The United Nations urged both sides to exercise restraint and to protect civilians, warning of a worsening humanitarian crisis.",
    "Researchers found that the drug reduced the risk of heart attack by 20 percent in a trial involving 17,000 patients.",
    "The storm made landfall early on Sunday with winds of up to 180 kilometres per hour. Power was cut to nearly a million homes.",
    "Voters head to the polls on Sunday in an election that is expected to be the closest in decades.",
    "The tech giant unveiled its latest smartphone, which features a faster chip and an improved camera.",
    "Officials said the explosion at the chemical plant was caused by a gas leak and ruled out sabotage.",
    "The army said it had carried out air strikes on militant hideouts in the mountains, killing dozens of fighters. The claim could not be independently verified.",
    "Inflation eased for a third consecutive month, giving the central bank room to pause its rate increases.",
    "The museum returned the looted artefacts to their country of origin in a ceremony attended by the culture minister.",
    "Thousands of migrants remain stranded at the border crossing, which has been closed for two weeks.",
    "The coach was sacked after a run of seven defeats left the club one point above the relegation zone.",
    "Investigators recovered the flight recorders from the crash site on Thursday. The plane came down shortly after take-off, killing all 62 people on board.",
    "Negotiators reached a deal to avert a government shutdown hours before the deadline.",
    "The company said it would cut 5,000 jobs as part of a restructuring plan aimed at saving $2 billion a year.",
    "Drought has left reservoirs at their lowest level in 30 years, and farmers warn of crop failures.",
    "The prime minister defended the decision to raise fuel prices, saying subsidies had become unaffordable.",
    "Doctors at the main hospital said they were overwhelmed by the number of wounded and short of basic supplies.",
    "The opposition leader was released from detention after six months, her lawyers said.",
    "A cyberattack disrupted payment systems at several banks, and customers were unable to withdraw cash for most of the day.",
    "Trade between the two countries has fallen by a third since the tariffs were imposed last year.",
    "The festival drew more than 100,000 visitors over the weekend despite the rain.",
    "The defence ministry said the missile test was a routine exercise and posed no threat to neighbouring states. Regional governments condemned it as provocative.",
    "Housing prices rose 6 percent from a year earlier, driven by a shortage of homes for sale.",
    "The refugee agency said more than 40,000 people had fled the fighting in the past week alone.",
    "The senator announced she would not seek re-election, ending a career of more than three decades.",
    "Authorities closed schools and offices as air pollution reached hazardous levels for the fifth day in a row.",
    "The two leaders met for the first time in five years and agreed to reopen their embassies.",
    "Witnesses described hearing several loud explosions shortly after midnight, followed by sirens. Smoke could be seen rising over the eastern districts.",
    "The regulator fined the social media company for failing to protect users' personal data.",
    "Exports of grain resumed after the port reopened, easing fears of a global food shortage.",
    "The rebels said they had captured the town, but the government insisted its forces were still in control.",
    "Markets rallied on hopes that the trade dispute would be resolved before the end of the year.",
)
