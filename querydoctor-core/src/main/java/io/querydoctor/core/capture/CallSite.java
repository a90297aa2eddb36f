package io.querydoctor.core.capture;

import java.util.Objects;

/**
 * The application code that ran a statement: the first stack frame outside the JDK, JDBC drivers, pools, ORMs
 * and QueryDoctor.
 *
 * @param className fully qualified class name
 * @param methodName method name
 * @param fileName source file, or {@code null} when unknown
 * @param line line number, or -1 when unknown
 * @param via the framework method the application called into ({@code class.method} of the frame just
 *     below the application's, e.g. Hibernate's {@code PersistentBag.size} for a lazy collection), or
 *     {@code null} when the application called the JDBC layer directly
 * @param framework the data-access framework whose frames lie between the application and the driver
 *     ({@link #HIBERNATE}, {@link #SPRING_DATA_JPA}, …), or {@code null} for plain JDBC or one not recognised
 */
public record CallSite(String className, String methodName, String fileName, int line, String via,
    String framework) {

  public static final String HIBERNATE = "hibernate";
  public static final String ECLIPSELINK = "eclipselink";
  public static final String SPRING_DATA_JPA = "spring-data-jpa";
  public static final String SPRING_DATA_JDBC = "spring-data-jdbc";
  public static final String SPRING_JDBC = "spring-jdbc";
  public static final String MYBATIS = "mybatis";
  public static final String JOOQ = "jooq";

  public CallSite {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
  }

  /** A call site whose framework is not known. */
  public CallSite(String className, String methodName, String fileName, int line, String via) {
    this(className, methodName, fileName, line, via, null);
  }

  /** The place alone, as findings carry it. */
  public io.querydoctor.core.finding.CodeLocation location() {
    return new io.querydoctor.core.finding.CodeLocation(className, methodName, fileName, line);
  }

  /** The familiar stack-trace form: {@code com.example.UserService.list(UserService.java:42)}. */
  @Override
  public String toString() {
    String where = fileName == null ? "Unknown Source" : line >= 0 ? fileName + ":" + line : fileName;
    return className + "." + methodName + "(" + where + ")";
  }

  /** The same call site entered through {@code via}. */
  public CallSite withVia(String entry) {
    return new CallSite(className, methodName, fileName, line, entry, framework);
  }

  /** Parses {@link #toString()}'s form back (without {@code via}); {@code null} for {@code null} or text in another form. */
  public static CallSite parse(String text) {
    if (text == null) {
      return null;
    }
    int open = text.indexOf('(');
    int dot = open < 0 ? -1 : text.lastIndexOf('.', open);
    if (dot < 0 || !text.endsWith(")")) {
      return null;
    }
    String where = text.substring(open + 1, text.length() - 1);
    int colon = where.lastIndexOf(':');
    String file = colon < 0 ? where : where.substring(0, colon);
    int line = -1;
    if (colon >= 0) {
      try {
        line = Integer.parseInt(where.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return new CallSite(text.substring(0, dot), text.substring(dot + 1, open),
        file.equals("Unknown Source") ? null : file, line, null);
  }
}
