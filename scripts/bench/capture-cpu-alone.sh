#!/bin/bash
# Capture overhead with one layer per JVM (docs/performance.md, tenth round): JVMS rounds of raw JDBC,
# QueryDoctor's target configuration and p6spy-filtered, alternating, each CaptureCpuAlone on H2; then the
# overheads and their ratio from the medians over JVMs, with a 95 % bootstrap interval.
# Usage: scripts/bench/capture-cpu-alone.sh [JVMS] [JAR] [OURS]
set -e
JVMS=${1:-10}
JAR=${2:-querydoctor-bench/target/benchmarks.jar}
OURS=${3:-querydoctor-norows}
OUT=$(mktemp)
for i in $(seq "$JVMS"); do
  for layer in raw "$OURS" p6spy-filtered; do
    java -cp "$JAR" io.querydoctor.bench.CaptureCpuAlone "$layer" 20 h2 2>/dev/null | tee -a "$OUT"
  done
done
python3 - "$OUT" "$OURS" <<'PY'
import random, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
ours = sys.argv[2]
def column(layer, index):
    return [float(r[index]) for r in rows if r[0] == layer]
random.seed(1)
for name, index in (("thread CPU, median round", 1), ("thread CPU, fastest round", 2), ("process CPU, median round", 3)):
    raw, our, peer = column("raw", index), column(ours, index), column("p6spy-filtered", index)
    def ratio(a, b, c):
        return (statistics.median(b) - statistics.median(a)) / (statistics.median(c) - statistics.median(a))
    boot = sorted(ratio(random.choices(raw, k=len(raw)), random.choices(our, k=len(our)),
                        random.choices(peer, k=len(peer))) for _ in range(4000))
    print("%s: raw %.1f ns, %s overhead %.1f ns, p6spy-filtered overhead %.1f ns, ratio %.3f (95 %% %.2f-%.2f), %d JVMs each"
          % (name, statistics.median(raw), ours, statistics.median(our) - statistics.median(raw),
             statistics.median(peer) - statistics.median(raw), ratio(raw, our, peer), boot[100], boot[3899], len(raw)))
PY
rm -f "$OUT"
