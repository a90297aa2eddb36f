package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootsTest {

  @TempDir
  Path repo;

  private Path source(String path) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}");
    return file;
  }

  private static CallSite site(String className, String file) {
    return new CallSite(className, "find", file, 42, null);
  }

  @Test
  void findsTheFileOfACallSiteRelativeToTheRepositoryRoot() throws IOException {
    Files.createDirectories(repo.resolve(".git"));
    source("app/src/main/java/com/example/owner/OwnerRepository.java");
    source("app/src/test/java/com/example/owner/OwnerRepositoryTest.java");
    SourceRoots roots = SourceRoots.conventional(repo.resolve("app"));
    assertThat(roots.resolve(site("com.example.owner.OwnerRepository", "OwnerRepository.java")))
        .contains("app/src/main/java/com/example/owner/OwnerRepository.java");
    assertThat(roots.resolve(site("com.example.owner.OwnerRepositoryTest$Nested", "OwnerRepositoryTest.java")))
        .contains("app/src/test/java/com/example/owner/OwnerRepositoryTest.java");
  }

  @Test
  void runFromTheRootOfAMultiModuleBuildItLooksIntoTheModules() throws IOException {
    source("services/billing/src/main/java/com/example/Invoices.java");
    source("services/billing/target/generated-sources/com/example/Generated.java");
    SourceRoots roots = SourceRoots.conventional(repo);
    assertThat(roots.resolve(site("com.example.Invoices", "Invoices.java")))
        .contains("services/billing/src/main/java/com/example/Invoices.java");
    assertThat(roots.resolve(site("com.example.Generated", "Generated.java"))).isEmpty();
  }

  @Test
  void givenRootsAreSearchedInOrderAndAMissingFileIsNoLocation() throws IOException {
    source("a/com/example/Repo.java");
    source("b/com/example/Repo.java");
    SourceRoots roots = SourceRoots.of(List.of(repo.resolve("b"), repo.resolve("a")), repo);
    assertThat(roots.resolve(site("com.example.Repo", "Repo.java"))).contains("b/com/example/Repo.java");
    assertThat(roots.resolve(site("com.example.Other", "Other.java"))).isEmpty();
    assertThat(roots.resolve(site("com.example.Repo", null))).isEmpty();
  }
}
