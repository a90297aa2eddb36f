package io.querydoctor.core.report;

import io.querydoctor.core.capture.CallSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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

  /**
   * {@code src/main/java} and {@code src/test/java} under {@code directory}, then those of the modules below it
   * (a Maven or Gradle multi-module build run from its root), up to {@value #MODULE_DEPTH} directories deep.
   */
  public static SourceRoots conventional(Path directory) {
    List<Path> roots = new ArrayList<>();
    addConventional(directory, roots);
    for (Path module : modulesBelow(directory)) {
      addConventional(module, roots);
    }
    return of(roots, directory);
  }

  private static final int MODULE_DEPTH = 3;
  private static final Set<String> NOT_MODULES = Set.of("src", "target", "build", "node_modules", "out", "bin");

  private static void addConventional(Path module, List<Path> roots) {
    roots.add(module.resolve("src/main/java"));
    roots.add(module.resolve("src/test/java"));
  }

  /** Directories below {@code directory} that have a {@code src} folder, breadth first, skipping build output. */
  private static List<Path> modulesBelow(Path directory) {
    List<Path> modules = new ArrayList<>();
    List<Path> level = List.of(directory);
    for (int depth = 0; depth < MODULE_DEPTH && !level.isEmpty(); depth++) {
      List<Path> next = new ArrayList<>();
      for (Path dir : level) {
        try (Stream<Path> children = Files.list(dir)) {
          children.filter(Files::isDirectory)
              .filter(c -> !c.getFileName().toString().startsWith(".") && !NOT_MODULES.contains(c.getFileName().toString()))
              .sorted()
              .forEach(next::add);
        } catch (IOException | UncheckedIOException e) {
          // An unreadable directory holds no sources we could show.
        }
      }
      next.stream().filter(m -> Files.isDirectory(m.resolve("src"))).forEach(modules::add);
      level = next;
    }
    return modules;
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
