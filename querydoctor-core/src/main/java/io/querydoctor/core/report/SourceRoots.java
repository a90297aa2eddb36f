package io.querydoctor.core.report;

import io.querydoctor.core.capture.CallSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an application's sources live, to turn a call site ({@code com.example.Repo.find(Repo.java:42)}) into
 * a file path that code-scanning tools can annotate. Paths are given relative to the repository root (the
 * nearest directory above the working directory with a {@code .git}), since GitHub and GitLab resolve a
 * result's path against the checkout.
 *
 * @param repositoryRoot the directory result paths are relative to
 * @param roots the source roots searched, in order
 */
public record SourceRoots(Path repositoryRoot, List<Path> roots) {

  public SourceRoots {
    repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
    roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** {@code src/main/java} and {@code src/test/java} under {@code directory}. */
  public static SourceRoots conventional(Path directory) {
    return of(List.of(directory.resolve("src/main/java"), directory.resolve("src/test/java")), directory);
  }

  /** {@code roots}, with paths relative to the repository around {@code directory}. */
  public static SourceRoots of(List<Path> roots, Path directory) {
    return new SourceRoots(repositoryAround(directory), roots);
  }

  /** The source file of {@code site} relative to the repository root, with {@code /}, if it is found. */
  public Optional<String> resolve(CallSite site) {
    if (site.fileName() == null) {
      return Optional.empty();
    }
    String className = site.className();
    int lastDot = className.lastIndexOf('.');
    String packagePath = lastDot < 0 ? "" : className.substring(0, lastDot).replace('.', '/') + "/";
    for (Path root : roots) {
      Path file = root.resolve(packagePath + site.fileName());
      if (Files.isRegularFile(file)) {
        return Optional.of(relative(file));
      }
    }
    return Optional.empty();
  }

  /** {@code file} relative to the repository root, with {@code /}. */
  public String relative(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(repositoryRoot) ? repositoryRoot.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }

  private static Path repositoryAround(Path directory) {
    Path start = directory.toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return start;
  }
}
