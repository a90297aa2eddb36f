#!/bin/bash
# Where QueryDoctor's capture overhead goes (docs/performance.md, eleventh round): runs CaptureCpuAlone for one
# layer on H2 under async-profiler (CPU samples every 0.5 ms, inlined frames resolved), then charges every sample
# whose innermost QueryDoctor frame has no H2 frame below it to that QueryDoctor method. The driver's own work is
# left out; time a QueryDoctor method spends waiting for memory or the clock is included.
# async-profiler comes from Maven Central (tools.profiler:async-profiler), Linux x64 only.
# Usage: scripts/bench/profile-capture.sh [LAYER] [ROUNDS] [JAR]
set -e
LAYER=${1:-querydoctor-norows}
ROUNDS=${2:-200}
JAR=${3:-querydoctor-bench/target/benchmarks.jar}
VERSION=3.0
AGENT_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
if [ ! -f "$AGENT_JAR" ]; then
  mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:$VERSION
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unzip -q -o "$AGENT_JAR" 'linux-x64/*' -d "$WORK"
java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -agentpath:"$WORK/linux-x64/libasyncProfiler.so=start,event=cpu,interval=500000,file=$WORK/samples.txt,collapsed" \
  -cp "$JAR" io.querydoctor.bench.CaptureCpuAlone "$LAYER" "$ROUNDS" h2 2>/dev/null
python3 - "$WORK/samples.txt" <<'PY'
import collections, sys
loop = 0
charged = collections.Counter()
for line in open(sys.argv[1]):
    stack, count = line.rsplit(" ", 1)
    count = int(count)
    frames = stack.split(";")
    if not any(f.startswith("io/querydoctor/bench/LayerLoop") for f in frames):
        continue  # compiler, collector and start-up threads
    loop += count
    ours = [i for i, f in enumerate(frames)
            if f.startswith("io/querydoctor/") and not f.startswith("io/querydoctor/bench/")]
    if ours and not any(f.startswith("org/h2/") for f in frames[ours[-1] + 1:]):
        charged[frames[ours[-1]]] += count
total = sum(charged.values())
print("statement loop: %d samples; charged to QueryDoctor: %d (%.1f %%)" % (loop, total, 100.0 * total / loop))
for method, count in charged.most_common(30):
    print("%7d %5.2f %%  %s" % (count, 100.0 * count / loop, method.replace("/", ".")))
PY
