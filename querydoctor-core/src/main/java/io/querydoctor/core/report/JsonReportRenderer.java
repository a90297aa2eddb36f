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

  @Override
  public void render(Report report, Writer out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write(System.lineSeparator());
  }
}
