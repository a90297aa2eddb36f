package io.querydoctor.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FingerprintCacheTest {

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  @Test
  void sameStringInstanceGetsTheSameFingerprintInstance() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 100);
    String sql = "SELECT * FROM users WHERE id = 1";
    assertSame(cache.get(sql), cache.get(sql));
  }

  @Test
  void equalTextInAnotherStringInstanceGetsAnEqualFingerprint() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 100);
    String first = "SELECT * FROM users WHERE id = 1";
    String copy = new String(first.toCharArray());
    assertEquals(cache.get(first), cache.get(copy));
  }

  @Test
  void everyStatementGetsItsOwnFingerprintAcrossManyMoreStatementsThanSlotsAndEntries() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 300);
    String[] statements = new String[3000];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = "SELECT c" + i + " FROM t WHERE id = " + i;
    }
    for (int round = 0; round < 2; round++) {
      for (String sql : statements) {
        assertEquals(fingerprinter.fingerprint(sql), cache.get(sql), sql);
      }
    }
    assertTrue(cache.size() <= 300, "bounded: " + cache.size());
  }
}
