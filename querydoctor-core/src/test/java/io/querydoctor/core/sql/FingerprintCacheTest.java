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

  @Test
  void theCachedTextIsBoundedInCharactersAndRefilledAfterwards() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 10_000, 1_600);
    for (int i = 0; i < 200; i++) {
      String sql = String.format("SELECT * FROM t WHERE id = %070d", i); // 96 characters
      assertEquals(fingerprinter.fingerprint(sql), cache.get(sql));
      assertTrue(cache.cachedChars() <= 1_600, "bounded: " + cache.cachedChars());
    }
    assertTrue(cache.size() >= 1 && cache.size() <= 16, "refilled after clearing: " + cache.size());
  }

  @Test
  void aStatementWithinTheBoundIsCachedOnce() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 10_000, 1_600);
    String sql = "SELECT * FROM users WHERE id = 1"; // 32 characters: under a sixteenth of 1 600
    assertSame(cache.get(sql), cache.get(new String(sql.toCharArray())));
    assertEquals(1, cache.size());
    assertEquals(sql.length(), cache.cachedChars());
  }

  @Test
  void aStatementLongerThanASixteenthOfTheBoundIsFingerprintedEachTimeNotCached() {
    FingerprintCache cache = new FingerprintCache(fingerprinter, 10_000, 1_600);
    String sql = String.format("SELECT * FROM t WHERE id = %080d", 1); // 106 > 100 characters
    Fingerprint first = cache.get(sql);
    assertEquals(first, cache.get(sql));
    assertEquals(0, cache.size());
    assertEquals(0, cache.cachedChars());
  }
}
