package io.querydoctor.core.capture;

import java.util.List;
import java.util.Optional;

/**
 * Finds the application frame on the current stack with {@link StackWalker}: the first frame whose class is not
 * in one of the excluded package prefixes (the JDK, JDBC drivers, pools, ORMs, frameworks, QueryDoctor's own
 * capture code) and is not generated code.
 *
 * <p>Generated classes live in the application's own packages but are not its code: Hibernate's lazy to-one
 * proxies ({@code Owner$HibernateProxy$…}), ByteBuddy, CGLIB and Javassist subclasses ({@code $$}, {@code
 * $ByteBuddy$}, {@code _$$_jvst}) and JDK dynamic proxies ({@code $Proxy12}). They are skipped, so the frame
 * that touched the proxy is named instead. The JVM hides lambda frames from the walk; the lambda's body is a
 * synthetic method of the enclosing class ({@code lambda$list$3}) and is named by its enclosing method
 * ({@code list}). On the way down the walk notes which data-access framework's frames it passed, so that fixes
 * can be given in that framework's terms.
 */
public final class CallSiteFinder {

  /** Prefixes of frames that are never the application's call site. */
  public static final List<String> DEFAULT_EXCLUDED = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
      "io.querydoctor.core.capture.", "io.querydoctor.jdbc.proxy.",
      "org.postgresql.", "com.mysql.", "org.mariadb.", "org.h2.", "oracle.jdbc.", "com.microsoft.sqlserver.",
      "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.", "com.mchange.", "io.agroal.",
      "org.hibernate.", "org.springframework.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.",
      "org.eclipse.persistence.", "net.ttddyy.", "com.p6spy.", "net.bytebuddy.", "org.junit.",
      "org.apache.maven.");

  /** Markers of generated classes (proxies, bytecode enhancement) anywhere in a class name. */
  private static final String[] GENERATED = {"$HibernateProxy", "$$", "$ByteBuddy$", "$MockitoMock$", "_$$_jvst",
      "$Proxy", "$EnhancerBy", "$FastClassBy"};

  private static final StackWalker WALKER = StackWalker.getInstance();

  private final String[] excluded;

  public CallSiteFinder(List<String> excludedPrefixes) {
    this.excluded = excludedPrefixes.toArray(String[]::new);
  }

  /**
   * The first application frame of the calling thread, if any, with the framework frame it called into (the
   * nearest frame below it that is neither QueryDoctor's own nor generated) and the data-access framework seen.
   */
  public Optional<CallSite> find() {
    return WALKER.walk(frames -> {
      StackWalker.StackFrame below = null;
      String framework = null;
      for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
        StackWalker.StackFrame frame = it.next();
        String className = frame.getClassName();
        if (isGenerated(className)) {
          continue;
        }
        if (!isExcluded(className)) {
          String via = below == null || below.getClassName().startsWith("io.querydoctor.") ? null
              : below.getClassName() + "." + below.getMethodName();
          return Optional.of(new CallSite(className, enclosingMethod(frame.getMethodName()), frame.getFileName(),
              frame.getLineNumber(), via, framework));
        }
        framework = framework(className, framework);
        below = frame;
      }
      return Optional.<CallSite>empty();
    });
  }

  /**
   * The framework a frame belongs to, keeping the outermost one seen so far when it says more: Spring Data JPA
   * runs on Hibernate, so its frames (further out) name the framework the application uses.
   */
  static String framework(String className, String seen) {
    if (className.startsWith("org.springframework.data.jpa.")) {
      return CallSite.SPRING_DATA_JPA;
    }
    if (className.startsWith("org.springframework.data.jdbc.") || className.startsWith(
        "org.springframework.data.relational.")) {
      return CallSite.SPRING_DATA_JDBC;
    }
    if (seen != null) {
      return seen;
    }
    if (className.startsWith("org.hibernate.")) {
      return CallSite.HIBERNATE;
    }
    if (className.startsWith("org.eclipse.persistence.")) {
      return CallSite.ECLIPSELINK;
    }
    if (className.startsWith("org.apache.ibatis.") || className.startsWith("org.mybatis.")) {
      return CallSite.MYBATIS;
    }
    if (className.startsWith("org.jooq.")) {
      return CallSite.JOOQ;
    }
    if (className.startsWith("org.springframework.jdbc.")) {
      return CallSite.SPRING_JDBC;
    }
    return null;
  }

  /** {@code lambda$list$3} → {@code list}; other names unchanged. */
  static String enclosingMethod(String methodName) {
    if (!methodName.startsWith("lambda$")) {
      return methodName;
    }
    int end = methodName.indexOf('$', 7);
    return end > 7 ? methodName.substring(7, end) : methodName;
  }

  static boolean isGenerated(String className) {
    for (String marker : GENERATED) {
      if (className.contains(marker)) {
        return true;
      }
    }
    return false;
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
