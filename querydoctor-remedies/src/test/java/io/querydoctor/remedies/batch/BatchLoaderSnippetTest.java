package io.querydoctor.remedies.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.detect.BatchLoaderSnippet;
import io.querydoctor.core.sql.SqlDialect;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BatchLoader code the {@code n-plus-one} fix shows compiles, with javac, against the real {@link BatchLoader}
 * API, for each shape it is offered for; and none is offered where batching by key would change the answer.
 */
class BatchLoaderSnippetTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id, title, created_at FROM posts WHERE user_id = ?",
      "SELECT p.id, p.title AS heading FROM posts p JOIN users u ON u.id = p.user_id WHERE p.user_id = ?",
      "SELECT * FROM public.comments WHERE post_id = ? ORDER BY id",
      "SELECT c.id, c.\"class\", c.default_value FROM catalog_item c WHERE c.owner_id = ?"})
  void theSnippetCompilesAgainstTheBatchLoader(String shape, @TempDir Path out) throws Exception {
    String snippet = BatchLoaderSnippet.forShape(shape).orElseThrow();
    String source = """
        import io.querydoctor.remedies.batch.BatchLoader;
        import io.querydoctor.remedies.batch.RowReader;
        import java.util.LinkedHashMap;
        import java.util.List;
        import java.util.Map;
        import java.util.concurrent.CompletableFuture;
        import javax.sql.DataSource;

        class Pasted {
          void load(DataSource dataSource, List<Long> %s) {
        %s
          }
        }
        """.formatted(keysVariable(snippet), snippet);
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    boolean compiled = javac.getTask(null, null, problems, List.of("-d", out.toString(), "-classpath", classpath(),
        "-Xlint:all", "-Werror"), null, List.of(new Source(source))).call();
    assertThat(compiled).as(source + "\n" + problems.getDiagnostics().stream()
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList()).isTrue();
  }

  @Test
  void theDemoShapeSelectsTheKeyAndUsesTheKeyList() {
    String snippet = BatchLoaderSnippet.forShape("SELECT id, title, created_at FROM posts WHERE user_id = ?")
        .orElseThrow();
    assertThat(snippet)
        .contains(".query(\"SELECT id, title, created_at, user_id FROM posts WHERE user_id IN (:keys)\")")
        .contains("record PostsRow(Object id, Object title, Object createdAt)")
        .contains("BatchLoader<Long, PostsRow> postsByUserId")
        .contains(".key(row -> row.getLong(\"user_id\"))")
        .contains("for (Long userId : userIds)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id, body FROM comments WHERE post_id = ? ORDER BY id LIMIT ?",
      "SELECT id FROM orders WHERE user_id = ? AND status = ?",
      "SELECT count(*) FROM posts WHERE user_id = ?",
      "SELECT user_id, max(created_at) FROM posts WHERE user_id = ? GROUP BY user_id",
      "SELECT DISTINCT tag FROM post_tags WHERE post_id = ?",
      "SELECT id, lower(title) FROM posts WHERE user_id = ?",
      "SELECT id FROM posts WHERE user_id > ?"})
  void noSnippetWhereBatchingByKeyWouldChangeTheAnswer(String shape) {
    assertThat(BatchLoaderSnippet.forShape(shape)).isEmpty();
  }

  private static String keysVariable(String snippet) {
    int at = snippet.indexOf("for (Long ") + "for (Long ".length();
    String key = snippet.substring(at, snippet.indexOf(' ', at));
    return key + "s";
  }

  /** Where BatchLoader and core's classes were loaded from (surefire's own class path may be a manifest jar). */
  private static String classpath() throws URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(BatchLoader.class, SqlDialect.class)) {
      entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String code) {
      super(java.net.URI.create("string:///Pasted.java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
