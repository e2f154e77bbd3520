"""Table cells analysed in batches give exactly the findings they give one by one."""
from dataclasses import dataclass

from detectors.fingerprint import Fingerprinter
from tests.corpus.generator import generate


@dataclass(frozen=True)
class Seg:
    text: str
    where: str
    header: str | None = None


def test_batched_equals_one_by_one(analyzer):
    samples = generate(30, seed=3)
    # the same texts as one long column of cells, as columns under their own headers, and as free text
    segments = []
    for i, s in enumerate(samples):  # row-major, as spreadsheets are read: the columns interleave
        segments += [Seg(s.text, f"cell A{i}", "備考"), Seg(s.text[::-1], f"cell C{i}", "メモ")]
    segments += [Seg(s.text, f"cell B{i}", s.header) for i, s in enumerate(samples) if s.header]
    segments += [Seg(s.text, f"paragraph {i}", None) for i, s in enumerate(samples)]
    segments.append(Seg("4111 1111\n1111 1111", "cell Z1", "カード番号"))
    fp = Fingerprinter(b"k" * 32)
    batched = analyzer.findings(segments, fp)
    single = [f for seg, ms in analyzer.analyze_segments(segments) for f in analyzer.findings([seg], fp)]
    assert batched == single  # same findings, same order
    assert any(f.where == "cell Z1" and f.entity == "CREDIT_CARD" for f in batched)
