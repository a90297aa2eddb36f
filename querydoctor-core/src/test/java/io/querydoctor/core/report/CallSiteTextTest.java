package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSite;
import org.junit.jupiter.api.Test;

class CallSiteTextTest {

  @Test
  void readsTheStackTraceFormOutOfProse() {
    CallSite site = CallSiteText.in("N+1 queries in GET /owners: rows of pets by owner_id loaded one at a time, "
        + "6 queries per run at com.example.owner.OwnerRepository.findPets(OwnerRepository.java:42)").orElseThrow();
    assertThat(site.className()).isEqualTo("com.example.owner.OwnerRepository");
    assertThat(site.methodName()).isEqualTo("findPets");
    assertThat(site.fileName()).isEqualTo("OwnerRepository.java");
    assertThat(site.line()).isEqualTo(42);
  }

  @Test
  void readsNestedClassesLambdasAndKotlin() {
    assertThat(CallSiteText.in("called from com.example.Service$Inner.lambda$load$0(Service.java:7).")
        .orElseThrow().className()).isEqualTo("com.example.Service$Inner");
    assertThat(CallSiteText.in("at app.Repo.find(Repo.kt:3)").orElseThrow().fileName()).isEqualTo("Repo.kt");
  }

  @Test
  void findsNothingWithoutAFileAndLine() {
    assertThat(CallSiteText.in("at com.example.Repo.find(Unknown Source)")).isEmpty();
    assertThat(CallSiteText.in("index public.posts(user_id) is missing")).isEmpty();
    assertThat(CallSiteText.in(null)).isEmpty();
  }
}
