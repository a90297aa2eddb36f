package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression (issue 21): with {@code --max-shapes} below a log's distinct shapes, the header's shape count and
 * {@code otherShapes} counted every fold event (a shape folded, seen again and folded again counted twice, and
 * once more while listed), and shapes were flagged {@code partial} without need. Checked against the exact
 * digest of the same real log: kept + other shapes is the distinct count, and a kept shape is partial exactly
 * when its calls fall short of the truth.
 */
class FoldedShapeCountsTest {

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "max {0} shapes, {1} cores, {2} copies")
  @CsvSource({"2, 1, 1", "3, 1, 1", "4, 1, 1", "6, 1, 1", "12, 1, 1", "4, 4, 1", "3, 2, 3", "6, 4, 3"})
  void foldedDigestCountsDistinctShapesExactly(int maxShapes, int cores, int copies) throws IOException {
    List<Path> files = copies(copies);
    Map<String, Long> truth = calls(digest(files, DigestBuilder.DEFAULT_MAX_SHAPES, 1));
    assertThat(truth).hasSize(13);

    WorkloadDigest folded = digest(files, maxShapes, cores);

    assertThat(folded.shapes().size() + folded.otherShapes()).isEqualTo(truth.size());
    assertThat(folded.shapes()).allSatisfy(shape ->
        assertThat(shape.partial()).as(shape.example()).isEqualTo(shape.calls() < truth.get(shape.fingerprint())));
    WorkloadDigest top = folded.top(1, DigestSort.TOTAL);
    assertThat(top.shapes().size() + top.otherShapes()).isEqualTo(truth.size());
  }

  private List<Path> copies(int copies) throws IOException {
    Path[] files = new Path[copies];
    for (int i = 0; i < copies; i++) {
      files[i] = Files.write(tmp.resolve("postgresql-" + i + ".log"), LogFixtures.bytes("pg-stderr/valid.log"));
    }
    return List.of(files);
  }

  /** Small slices so that several cores read parts of one file and their digests are merged. */
  private static WorkloadDigest digest(List<Path> files, int maxShapes, int cores) throws IOException {
    return new LogFileDigester(null, null, maxShapes, ProgressListener.NONE, cores, 1).digest(files);
  }

  private static Map<String, Long> calls(WorkloadDigest digest) {
    assertThat(digest.otherShapes()).isZero();
    Map<String, Long> calls = new HashMap<>();
    for (ShapeDigest shape : digest.shapes()) {
      calls.put(shape.fingerprint(), shape.calls());
    }
    return calls;
  }
}
