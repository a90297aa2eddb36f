package io.querydoctor.core.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's identity across runs for code-scanning tools: SHA-256 of its key ({@code rule:subject}), which
 * holds no measured number, so the same problem hashes the same whatever it cost this time.
 */
final class FindingFingerprint {

  private FindingFingerprint() {}

  static String of(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
