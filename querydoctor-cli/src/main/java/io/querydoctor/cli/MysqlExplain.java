package io.querydoctor.cli;

import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.input.InputFile;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.plan.MysqlExplainer;
import io.querydoctor.mysql.plan.MysqlPlan;
import io.querydoctor.mysql.plan.MysqlPlanFormatException;
import io.querydoctor.mysql.plan.MysqlPlans;
import io.querydoctor.mysql.plan.rules.MysqlPlanRules;
import io.querydoctor.postgres.plan.ExplainService.Explained;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code explain} for MySQL and MariaDB: a plan file in their formats (recognised from its first bytes), or a
 * statement explained on a {@code jdbc:mariadb:}/{@code jdbc:mysql:} URL through the read-only session. The result
 * is the same {@link Explained} the PostgreSQL path gives, so the tree and every report format are shared.
 */
final class MysqlExplain {

  private MysqlExplain() {}

  /** True when {@code file} starts like a MySQL/MariaDB plan (JSON with {@code query_block}, or the tree format). */
  static boolean isMysqlPlan(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(InputFile.HEAD_BYTES);
      if (InputFile.textProblem(head, head.length) != null) {
        return false;
      }
      return MysqlPlans.recognizes(new String(head, StandardCharsets.UTF_8).replace("\uFEFF", ""));
    } catch (IOException e) {
      return false;
    }
  }

  static Explained fromFile(Path file, long maxBytes) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new UserError(file + " is larger than the limit for a plan; raise it with --max-plan-size");
      }
      text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
    } catch (IOException e) {
      throw new UserError(InputFile.describe(file, e), e);
    }
    try {
      MysqlPlan plan = MysqlPlans.read(text);
      return analyzed(plan, plan.dialect().label() + " (plan file)");
    } catch (MysqlPlanFormatException e) {
      throw new UserError(file + ": " + e.getMessage(), e);
    }
  }

  static Explained live(EngineTarget target, String sql, boolean analyze, int timeoutSeconds) {
    try (SafeExecutor executor = new SafeExecutor(target.connect(), Duration.ofSeconds(timeoutSeconds),
        SafeExecutor.DEFAULT_LOCK_WAIT_TIMEOUT)) {
      MysqlExplainer.Explained explained = new MysqlExplainer(executor).explain(sql, analyze);
      String how = explained.command() + " on " + executor.server().label()
          + (explained.analyzed() ? ", in a read-only transaction rolled back" : ", nothing ran")
          + (explained.note().isEmpty() ? "" : "; " + explained.note());
      return analyzed(explained.plan(), how);
    } catch (EngineFailure e) {
      throw new UserError(e.getMessage(), e);
    } catch (MysqlPlanFormatException e) {
      throw new UserError("the server's plan could not be read: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserError(firstLine(e.getMessage()), e);
    }
  }

  private static Explained analyzed(MysqlPlan plan, String note) {
    PlanAnalysis analysis = MysqlPlanRules.analyzer(plan).analyze(plan.plan(), "query", 0);
    return new Explained(analysis, null, note);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "the statement could not be explained";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
