package io.querydoctor.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void urlUserInfoAndPasswordSettingsGo() {
    assertThat(Credentials.strip("jdbc:postgresql://bob:s3cret@db:5432/app?sslmode=require&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require&password=***");
    assertThat(Credentials.strip("host=db user=bob password='a b' dbname=app")).isEqualTo(
        "host=db user=bob password=*** dbname=app");
    assertThat(Credentials.strip("PGPASSWORD: x; pwd=abc")).isEqualTo("PGPASSWORD: ***; pwd=***");
  }

  @Test
  void textWithoutCredentialsStays() {
    String text = "Seq Scan on public.users filters (email = 'a@b.c'::text); see https://example.com/docs";
    assertThat(Credentials.strip(text)).isEqualTo(text);
  }
}
