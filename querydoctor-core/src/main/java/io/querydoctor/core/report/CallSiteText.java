package io.querydoctor.core.report;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.finding.Finding;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application call site a capture-side finding is about: its structured {@link Finding#callSite()} when it
 * has one, else the first stack-trace-form frame ({@code com.example.Repo.find(Repo.java:42)}) in its title,
 * detail or fix (findings from older capture files carry it only as text).
 */
public final class CallSiteText {

  // package.Class.method(File.java:42); the class may be nested (Outer$Inner), the method a lambda or <init>.
  private static final Pattern FRAME = Pattern.compile(
      "((?:[\\p{L}_$][\\p{L}\\p{N}_$]*\\.)+[\\p{L}_$][\\p{L}\\p{N}_$]*)\\.([\\p{L}_$<][\\p{L}\\p{N}_$<>]*)"
          + "\\(([\\p{L}\\p{N}_$-]+\\.(?:java|kt|groovy|scala)):(\\d{1,7})\\)");

  private CallSiteText() {}

  /** The finding's call site, else the first one named in its title, detail or fix, in that order. */
  public static Optional<CallSite> of(Finding finding) {
    if (finding.callSite() != null && finding.callSite().fileName() != null) {
      var at = finding.callSite();
      return Optional.of(new CallSite(at.className(), at.methodName(), at.fileName(), at.line(), null, null));
    }
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
