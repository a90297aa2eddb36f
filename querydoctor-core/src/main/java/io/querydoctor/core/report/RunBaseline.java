package io.querydoctor.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.digest.WorkloadDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A saved run ({@code --save-baseline}), compared with a later one ({@code --baseline}). Versioned JSON:
 * {@code {"format": "querydoctor-run", "version": 1, "savedAt": …, "target": …, "findings": [{key, ruleId,
 * severity, title}], "workload": {digest}}}. The workload is the report's workload digest (per fingerprint
 * calls, mean and p95), so that latency regressions are judged exactly as {@code digest --baseline} judges
 * them. Version 1 readers ignore fields they do not know; a change of meaning bumps the version.
 *
 * @param format always {@link #FORMAT}
 * @param version the file version
 * @param savedAt when the run was saved
 * @param target what was diagnosed (without credentials)
 * @param findings the run's findings, by key
 * @param workload the run's workload digest, or {@code null} when the run had none
 */
public record RunBaseline(String format, int version, Instant savedAt, String target, List<FindingRef> findings,
    WorkloadDigest workload) {

  public static final String FORMAT = "querydoctor-run";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonReportRenderer.newMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public RunBaseline {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** The baseline of {@code report}: its findings (merged ones by their own key) and its workload digest. */
  public static RunBaseline of(Report report) {
    return new RunBaseline(FORMAT, VERSION, report.generatedAt(), report.target(),
        report.findings().stream().map(FindingRef::of).toList(),
        report.workload() == null ? null : report.workload().digest());
  }

  public void save(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      MAPPER.writeValue(out, this);
    }
  }

  /** Reads a saved run; a file that is not one, or of a newer version, fails with a one-line reason. */
  public static RunBaseline load(Path file) throws IOException {
    RunBaseline run;
    try (InputStream in = Files.newInputStream(file)) {
      run = MAPPER.readValue(in, RunBaseline.class);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not a saved run (" + e.getOriginalMessage() + ")", e);
    }
    if (run == null || !FORMAT.equals(run.format())) {
      throw new IOException(file + " is not a saved run (expected \"format\": \"" + FORMAT + "\"; it is written "
          + "by --save-baseline)");
    }
    if (run.version() > VERSION) {
      throw new IOException(file + " is a saved run of version " + run.version() + "; this querydoctor reads up to "
          + VERSION);
    }
    return run;
  }
}
