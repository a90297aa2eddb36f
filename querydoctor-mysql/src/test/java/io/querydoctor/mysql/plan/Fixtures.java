package io.querydoctor.mysql.plan;

import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.mysql.plan.rules.MysqlPlanRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the recorded plans under {@code plans/} and analyzes them with the MySQL rules. */
public final class Fixtures {

  private Fixtures() {}

  public static String text(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/plans/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MysqlPlan plan(String path) {
    return MysqlPlans.read(text(path));
  }

  public static PlanAnalysis analyze(String path) {
    MysqlPlan plan = plan(path);
    return MysqlPlanRules.analyzer(plan).analyze(plan.plan());
  }

  public static List<String> ruleIds(String path) {
    return analyze(path).findings().stream().map(PlanFinding::finding).map(f -> f.ruleId()).toList();
  }
}
