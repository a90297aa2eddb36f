package io.querydoctor.core.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.report.JsonReportRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A saved digest ({@code --save}), the baseline of a later comparison ({@code --baseline}). Versioned JSON:
 * {@code {"format": "querydoctor-digest", "version": 1, "savedAt": …, "digest": {…}}}. Version 1 readers
 * ignore fields they do not know, so fields may be added without a version bump; a change of meaning bumps it.
 *
 * @param format always {@link #FORMAT}
 * @param version the file version
 * @param savedAt when it was written
 * @param digest the full digest (every kept shape, not only the top ones)
 */
public record DigestFile(String format, int version, Instant savedAt, WorkloadDigest digest) {

  public static final String FORMAT = "querydoctor-digest";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonReportRenderer.newMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static void save(WorkloadDigest digest, Instant savedAt, OutputStream out) throws IOException {
    MAPPER.writeValue(out, new DigestFile(FORMAT, VERSION, savedAt, digest));
  }

  public static void save(WorkloadDigest digest, Instant savedAt, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      save(digest, savedAt, out);
    }
  }

  /** Reads a saved digest; a file that is not one, or of a newer version, fails with a one-line reason. */
  public static DigestFile load(InputStream in, String name) throws IOException {
    DigestFile file;
    try {
      file = MAPPER.readValue(in, DigestFile.class);
    } catch (JsonProcessingException e) {
      throw new IOException(name + " is not a saved digest (" + e.getOriginalMessage() + ")", e);
    }
    if (file == null || !FORMAT.equals(file.format) || file.digest == null) {
      throw new IOException(name + " is not a saved digest (expected \"format\": \"" + FORMAT + "\")");
    }
    if (file.version > VERSION) {
      throw new IOException(name + " is a digest of version " + file.version + "; this querydoctor reads up to "
          + VERSION);
    }
    return file;
  }

  public static DigestFile load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    }
  }
}
