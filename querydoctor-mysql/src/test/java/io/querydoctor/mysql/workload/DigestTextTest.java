package io.querydoctor.mysql.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestTextTest {

  @Test
  void backquotedNamesBecomePlainSoFingerprintsJoin() {
    // Recorded from MariaDB 11.4.5's events_statements_summary_by_digest.
    String digest = "SELECT `id` , `body` FROM `comment` WHERE `post_id` = ? ORDER BY `order` LIMIT ?";
    assertThat(DigestText.toSql(digest)).isEqualTo("select id , body from comment where post_id = ? order by `order` limit ?");
    // MariaDB writes a column called id as the word ID, unquoted.
    assertThat(DigestWorkload.fingerprint(DigestText.toSql("SELECT ID , `a` FROM `reading` WHERE `b` = ?")))
        .isEqualTo(DigestWorkload.fingerprint("SELECT id, a FROM reading WHERE b = ?"));
    assertThat(DigestText.toSql("SELECT * FROM `t` WHERE DATE ( `d` ) = ?")).isEqualTo("select * from t where DATE ( d ) = ?");
    assertThat(DigestText.toSql("INSERT INTO ACCOUNT ( `email` ) VALUES (?)")).isEqualTo("insert into account ( email ) VALUES (?)");
    assertThat(DigestWorkload.fingerprint(DigestText.toSql("SELECT `id` , `body` FROM `comment` WHERE `post_id` = ?")))
        .isEqualTo(DigestWorkload.fingerprint("select id, body from comment where post_id = 42"));
  }

  @Test
  void theToolsOwnAndCatalogStatementsAreNotTheApplications() {
    assertThat(StatementDigestReader.isApplication("SELECT * FROM `t` WHERE `b` = ?")).isTrue();
    assertThat(StatementDigestReader.isApplication("SELECT `ENABLED` FROM `performance_schema` . `setup_consumers`"))
        .isFalse();
    assertThat(StatementDigestReader.isApplication("SET `sql_mode` = `CONCAT` ( @@`sql_mode` , ? )")).isFalse();
    assertThat(StatementDigestReader.isApplication("SELECT @@`performance_schema`")).isFalse();
    assertThat(StatementDigestReader.isApplication("START TRANSACTION READ ONLY")).isFalse();
  }

  @Test
  void aWrappedColumnIsFoundInTheServersSpelling() {
    // MariaDB backquotes function names that are not keywords (`DATE_FORMAT`), not those that are (DATE).
    DigestRow row = new DigestRow("d", "SELECT ID FROM `reading` WHERE `DATE_FORMAT` ( `taken_at` , ? ) = ?", 2, 40,
        10, 30, 0, 0, 60_000, 0, 0, 0, 0, 0, 2, 0, null, null, 10, 1);
    assertThat(new DigestRules("shop", 60_000).findings(java.util.List.of(row)))
        .extracting(io.querydoctor.core.finding.Finding::ruleId)
        .containsExactlyInAnyOrder("seq-scan-large-table", "non-sargable-predicate");
  }
}
