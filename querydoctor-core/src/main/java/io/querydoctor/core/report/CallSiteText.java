package io.querydoctor.core.report;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.finding.Finding;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application call site a capture-side finding names, read from its text: findings carry it today only
 * inside their title, detail or fix, in the stack-trace form {@code com.example.Repo.find(Repo.java:42)}. The
 * one place to switch when findings carry a structured call site.
 */
public final class CallSiteText {

  // package.Class.method(File.java:42); the class may be nested (Outer$Inner), the method a lambda or <init>.
  private static final Pattern FRAME = Pattern.compile(
      "((?:[\\p{L}_$][\\p{L}\\p{N}_$]*\\.)+[\\p{L}_$][\\p{L}\\p{N}_$]*)\\.([\\p{L}_$<][\\p{L}\\p{N}_$<>]*)"
          + "\\(([\\p{L}\\p{N}_$-]+\\.(?:java|kt|groovy|scala)):(\\d{1,7})\\)");

  private CallSiteText() {}

  /** The first call site named in the finding's title, detail or fix, in that order. */
  public static Optional<CallSite> of(Finding finding) {
    for (String text : new String[] {finding.title(), finding.detail(), finding.fix().summary()}) {
      Optional<CallSite> site = in(text);
      if (site.isPresent()) {
        return site;
      }
    }
    return Optional.empty();
  }

  /** The first stack-trace-form call site in {@code text}. */
  static Optional<CallSite> in(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FRAME.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new CallSite(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), null));
  }
}
