package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

class DigestFingerprintsTest {

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.MYSQL);

  @Test
  void repeatedTextsStayCached() {
    DigestFingerprints fingerprints = new DigestFingerprints(fingerprinter, 10);
    for (int i = 0; i < 1_000; i++) {
      fingerprints.get("SELECT c FROM t WHERE id = ?" + (i % 5 == 0 ? "" : " ").repeat(i % 3));
    }

    assertThat(fingerprints.bypassing()).isFalse();
  }

  @Test
  void inlinedLiteralsSwitchTheCacheOffAndTheFingerprintsStayRight() {
    DigestFingerprints fingerprints = new DigestFingerprints(fingerprinter, 10);
    String expected = fingerprinter.fingerprint("SELECT c FROM t WHERE id = 1").id();
    for (int i = 0; i < 11; i++) {
      assertThat(fingerprints.get("SELECT c FROM t WHERE id = " + i + " -- no skeleton").id()).isEqualTo(expected);
    }

    assertThat(fingerprints.bypassing()).isTrue();
    assertThat(fingerprints.get("SELECT c FROM t WHERE id = 99 -- x").id()).isEqualTo(expected);
    assertThat(fingerprints.get("SELECT c FROM t WHERE id = 99").id()).as("skeleton path").isEqualTo(expected);
  }

  @Test
  void aBypassEndsAndTheCacheIsTriedAgain() {
    DigestFingerprints fingerprints = new DigestFingerprints(fingerprinter, 2);
    for (int i = 0; i < 3; i++) {
      fingerprints.get("SELECT " + i + " -- x");
    }
    assertThat(fingerprints.bypassing()).isTrue();
    for (int i = 0; i < 20; i++) {
      fingerprints.get("SELECT 1 -- x");
    }

    assertThat(fingerprints.bypassing()).isFalse();
  }
}
