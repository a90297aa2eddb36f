package io.querydoctor.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How conditions refer to an init plan's result: PostgreSQL 16+ prints {@code (InitPlan 1).col1}, older
 * versions {@code $0} (named in the init plan's {@code InitPlan 1 (returns $0)}).
 */
final class InitPlanReference {

  private static final Pattern NUMBER = Pattern.compile("^InitPlan (\\d+)");
  private static final Pattern RETURNS = Pattern.compile("\\$(\\d+)");

  private InitPlanReference() {}

  /** A pattern matching references to the init plan named {@code subplanName}, or null when unknown. */
  static Pattern of(String subplanName) {
    Matcher number = NUMBER.matcher(subplanName);
    if (!number.find()) {
      return null;
    }
    List<String> alternatives = new ArrayList<>();
    alternatives.add(Pattern.quote("(InitPlan " + number.group(1) + ")"));
    int returns = subplanName.indexOf("returns");
    if (returns >= 0) {
      Matcher params = RETURNS.matcher(subplanName.substring(returns));
      while (params.find()) {
        alternatives.add("\\$" + params.group(1) + "(?!\\d)");
      }
    }
    return Pattern.compile(String.join("|", alternatives));
  }

  static boolean usedBy(PlanNode node, Pattern reference) {
    Conditions c = node.conditions();
    for (String text : new String[] {c.filter(), c.indexCond(), c.recheckCond(), c.joinFilter(), c.hashCond(),
        c.mergeCond()}) {
      if (text != null && reference.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
