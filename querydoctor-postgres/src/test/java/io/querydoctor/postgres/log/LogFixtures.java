package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.ParseSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a log fixture from the test resources through a reader. */
record LogFixtures(List<LogStatement> statements, ParseSummary summary) {

  static LogFixtures read(String resource, LogReader reader) {
    try (InputStream in = LogFixtures.class.getResourceAsStream("/logs/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return read(in, reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LogFixtures read(InputStream raw, LogReader reader) throws IOException {
    ParseProblems problems = new ParseProblems();
    try (LineReader lines = new LineReader(LogInput.decompressed(raw), problems)) {
      List<LogStatement> statements = reader.read(lines).toList();
      return new LogFixtures(statements, problems.summary());
    }
  }

  static byte[] bytes(String resource) {
    try (InputStream in = LogFixtures.class.getResourceAsStream("/logs/" + resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
