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

  @Test
  void aStructuredCallSiteWinsOverTheText() {
    var finding = io.querydoctor.core.finding.Finding.builder("n-plus-one", io.querydoctor.core.finding.Severity.HIGH)
        .title("N+1 at com.example.Old.place(Old.java:1)")
        .subject(io.querydoctor.core.finding.Subject.fingerprint("00000000000000a1"))
        .evidence(io.querydoctor.core.finding.Evidence.of("count", 5, "count"))
        .impact(io.querydoctor.core.finding.Impact.unknown("x")).fix(io.querydoctor.core.finding.Fix.action("y"))
        .build().withCallSite(new io.querydoctor.core.finding.CodeLocation("com.example.owner.OwnerService", "list",
            "OwnerService.java", 77));
    CallSite site = CallSiteText.of(finding).orElseThrow();
    assertThat(site.className()).isEqualTo("com.example.owner.OwnerService");
    assertThat(site.line()).isEqualTo(77);
  }
}
