package io.querydoctor.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;

/** The documented JSON form ({@code docs/report.schema.json}). */
public final class JsonReportRenderer implements ReportRenderer {

  private static final ObjectMapper MAPPER = newMapper();

  /** The mapper used for reports; shared so that every JSON output agrees on the same settings. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * Loads and initialises the JSON machinery by rendering an empty report into nothing: a command that reads
   * for a while (a digest) calls this on another thread first, so that the ≈ 0.2 s the mapper takes to start
   * overlaps the reading instead of following it. Never throws.
   */
  public static void warmUp() {
    try {
      MAPPER.writeValue(Writer.nullWriter(), new Report(Report.SCHEMA_VERSION, "warm-up", java.time.Instant.EPOCH,
          "warm-up", 0, java.util.List.of(), java.util.List.of()));
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the real rendering reports its own errors.
    }
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write(System.lineSeparator());
  }
}
