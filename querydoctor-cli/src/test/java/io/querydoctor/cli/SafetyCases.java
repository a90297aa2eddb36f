package io.querydoctor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated attack texts: a quoting form from {@link SafetyCorpus#WRAPPERS} around one or more escapes and payloads,
 * with random separators, comments, letter case and nesting. Seeded, so a failure names a reproducible case.
 */
final class SafetyCases {

  private static final List<String> SEPARATORS = List.of("; ", ";", ";\n", " ;/* c */ ", ";-- x\n", "\n;\n",
      "; /* a /* b */ */ ", ";\t");

  private SafetyCases() {}

  /** One generated case and how to run it. */
  record Case(String sql, boolean noAnalyze, boolean analyzeWrites, boolean fromFile) {
    @Override
    public String toString() {
      return (noAnalyze ? "--no-analyze " : "") + (analyzeWrites ? "--analyze-writes " : "")
          + (fromFile ? "--file " : "") + sql.replace("\n", "⏎");
    }
  }

  static List<Case> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cases.add(new Case(text(random), random.nextBoolean(), random.nextInt(3) == 0, random.nextBoolean()));
    }
    return cases;
  }

  static String text(Random random) {
    StringBuilder chain = new StringBuilder();
    int links = 1 + random.nextInt(3);
    for (int k = 0; k < links; k++) {
      if (k > 0) {
        chain.append(pick(random, SEPARATORS));
      }
      chain.append(caseOf(random, pick(random, SafetyCorpus.ESCAPES)));
      chain.append(pick(random, SEPARATORS));
      chain.append(caseOf(random, pick(random, SafetyCorpus.PAYLOADS)));
    }
    String text = String.format(pick(random, SafetyCorpus.WRAPPERS), chain);
    if (random.nextInt(4) == 0) {
      // Nested: the whole thing inside another quoting form.
      text = String.format(pick(random, SafetyCorpus.WRAPPERS), text);
    }
    return text;
  }

  private static String caseOf(Random random, String sql) {
    return switch (random.nextInt(3)) {
      case 0 -> sql.toLowerCase(Locale.ROOT);
      case 1 -> sql;
      default -> sql.toUpperCase(Locale.ROOT);
    };
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
