package io.querydoctor.core.capture;

import java.util.List;
import java.util.Optional;

/**
 * Finds the application frame on the current stack with {@link StackWalker}: the first frame whose class is not
 * in one of the excluded package prefixes (the JDK, JDBC drivers, pools, ORMs, frameworks, QueryDoctor's own
 * capture code).
 */
public final class CallSiteFinder {

  /** Prefixes of frames that are never the application's call site. */
  public static final List<String> DEFAULT_EXCLUDED = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
      "io.querydoctor.core.capture.", "io.querydoctor.jdbc.proxy.",
      "org.postgresql.", "com.mysql.", "org.mariadb.", "org.h2.", "oracle.jdbc.", "com.microsoft.sqlserver.",
      "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.", "com.mchange.", "io.agroal.",
      "org.hibernate.", "org.springframework.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.",
      "net.ttddyy.", "com.p6spy.", "net.bytebuddy.", "org.junit.", "org.apache.maven.");

  private static final StackWalker WALKER = StackWalker.getInstance();

  private final String[] excluded;

  public CallSiteFinder(List<String> excludedPrefixes) {
    this.excluded = excludedPrefixes.toArray(String[]::new);
  }

  /**
   * The first application frame of the calling thread, if any, with the framework frame it called into (the
   * frame just below it, unless that is QueryDoctor's own).
   */
  public Optional<CallSite> find() {
    return WALKER.walk(frames -> {
      StackWalker.StackFrame below = null;
      for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
        StackWalker.StackFrame frame = it.next();
        if (!isExcluded(frame.getClassName())) {
          String via = below == null || below.getClassName().startsWith("io.querydoctor.") ? null
              : below.getClassName() + "." + below.getMethodName();
          return Optional.of(new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
              frame.getLineNumber(), via));
        }
        below = frame;
      }
      return Optional.<CallSite>empty();
    });
  }

  private boolean isExcluded(String className) {
    for (String prefix : excluded) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
