import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/**
 * Writes the Delegating* classes of io.querydoctor.jdbc.proxy from the JDK's java.sql interfaces: plain
 * forwarding, one method per interface method, so that the capturing subclasses override only what they
 * observe. Run again when the JDBC API gains methods (new JDK):
 *
 *   java querydoctor-jdbc/src/build/DelegatingWrapperGenerator.java querydoctor-jdbc/src/main/java/io/querydoctor/jdbc/proxy
 *
 * Not part of the build.
 */
public class DelegatingWrapperGenerator {
  static Set<String> imports;

  public static void main(String[] a) throws Exception {
    Path out = Path.of(a[0]);
    gen(out, "DelegatingConnection", java.sql.Connection.class, null, "delegate", null, false);
    gen(out, "DelegatingStatement", java.sql.Statement.class, null, "delegate", null, false);
    gen(out, "DelegatingPreparedStatement", java.sql.PreparedStatement.class, java.sql.Statement.class, "preparedDelegate", "DelegatingStatement", true);
    gen(out, "DelegatingCallableStatement", java.sql.CallableStatement.class, java.sql.PreparedStatement.class, "callableDelegate", "DelegatingPreparedStatement", false);
    gen(out, "DelegatingResultSet", java.sql.ResultSet.class, null, "delegate", null, false);
  }

  static String sig(Method m) {
    return m.getName() + Arrays.toString(m.getParameterTypes());
  }

  static String type(Type t) {
    String s = t.getTypeName();
    java.util.regex.Matcher mm = java.util.regex.Pattern.compile("java\\.sql\\.([A-Za-z]+)").matcher(s);
    while (mm.find()) imports.add("java.sql." + mm.group(1));
    s = s.replaceAll("java\\.sql\\.([A-Za-z]+)", "$1");
    s = s.replace("java.lang.", "");
    return s;
  }

  static void gen(Path out, String name, Class<?> iface, Class<?> parent, String field, String superClass, boolean bindHooks) throws Exception {
    imports = new TreeSet<>();
    imports.add(iface.getName());
    Set<String> parentSigs = parent == null ? Set.of() : Arrays.stream(parent.getMethods()).map(DelegatingWrapperGenerator::sig).collect(Collectors.toSet());
    Map<String, Method> methods = new TreeMap<>();
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) continue;
      String s = sig(m);
      if (parentSigs.contains(s)) continue;
      if (superClass == null && (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor"))) continue;
      Method prev = methods.get(s);
      if (prev == null || prev.getDeclaringClass().isAssignableFrom(m.getDeclaringClass())) methods.put(s, m);
    }
    StringBuilder body = new StringBuilder();
    for (Method m : methods.values()) {
      body.append("\n  @Override\n  public ");
      if (m.getTypeParameters().length > 0) {
        body.append("<").append(Arrays.stream(m.getTypeParameters()).map(TypeVariable::getName).collect(Collectors.joining(", "))).append("> ");
      }
      body.append(type(m.getGenericReturnType())).append(' ').append(m.getName()).append('(');
      Type[] ps = m.getGenericParameterTypes();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < ps.length; i++) {
        String n;
        if (i == 0 && ps[i] == int.class && (m.getName().startsWith("set") || m.getName().startsWith("get") || m.getName().startsWith("update") || m.getName().startsWith("register"))) n = "index";
        else if (i == 0 && ps[i] == String.class && (m.getName().startsWith("set") || m.getName().startsWith("get") || m.getName().startsWith("update") || m.getName().startsWith("register"))) n = "label";
        else n = "x" + i;
        names.add(n);
        if (i > 0) body.append(", ");
        body.append(type(ps[i])).append(' ').append(n);
      }
      body.append(')');
      if (m.getExceptionTypes().length > 0) {
        body.append(" throws ").append(Arrays.stream(m.getExceptionTypes()).map(DelegatingWrapperGenerator::type).collect(Collectors.joining(", ")));
      }
      body.append(" {\n");
      if (bindHooks && m.getName().startsWith("set") && ps.length >= 2 && ps[0] == int.class) {
        Class<?> v = m.getParameterTypes()[1];
        String x = names.get(1);
        String expr;
        if (m.getName().equals("setNull")) expr = "bindNull(index)";
        else if (v == int.class || v == long.class || v == short.class || v == byte.class) expr = "bind(index, (long) " + x + ")";
        else if (v == boolean.class) expr = "bind(index, " + x + " ? 1L : 0L)";
        else if (v == double.class) expr = "bind(index, Double.doubleToLongBits(" + x + "))";
        else if (v == float.class) expr = "bind(index, Float.floatToIntBits(" + x + "))";
        else expr = "bindObject(index, " + x + ")";
        body.append("    ").append(expr).append(";\n");
      }
      body.append("    ");
      if (m.getReturnType() != void.class) body.append("return ");
      body.append(field).append('.').append(m.getName()).append('(').append(String.join(", ", names)).append(");\n  }\n");
    }
    StringBuilder src = new StringBuilder();
    src.append("package io.querydoctor.jdbc.proxy;\n\n");
    for (String i : imports) src.append("import ").append(i).append(";\n");
    src.append("\n/**\n * Forwards every {@link ").append(iface.getSimpleName()).append("} method to the wrapped one; capturing subclasses override\n * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).\n");
    if (bindHooks) src.append(" * Every {@code setXxx(index, value)} first reports the value to {@link #bind}/{@link #bindObject}/{@link #bindNull},\n * no-ops here, so a subclass can hash the parameters without allocating.\n");
    src.append(" */\n@SuppressWarnings(\"deprecation\")\n");
    src.append("public class ").append(name);
    if (superClass != null) src.append(" extends ").append(superClass);
    src.append(" implements ").append(iface.getSimpleName()).append(" {\n\n");
    src.append("  protected final ").append(iface.getSimpleName()).append(' ').append(field).append(";\n\n");
    src.append("  protected ").append(name).append('(').append(iface.getSimpleName()).append(" delegate) {\n");
    if (superClass != null) src.append("    super(delegate);\n");
    src.append("    this.").append(field).append(" = delegate;\n  }\n");
    if (bindHooks) {
      src.append("\n  /** A primitive parameter value, as bits. */\n  protected void bind(int index, long bits) {}\n");
      src.append("\n  /** An object parameter value. */\n  protected void bindObject(int index, Object value) {}\n");
      src.append("\n  /** A NULL parameter. */\n  protected void bindNull(int index) {}\n");
    }
    if (superClass == null) {
      src.append("\n  @Override\n  public <T> T unwrap(Class<T> iface) throws SQLException {\n    return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);\n  }\n");
      src.append("\n  @Override\n  public boolean isWrapperFor(Class<?> iface) throws SQLException {\n    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);\n  }\n");
      imports.add("java.sql.SQLException");
    }
    src.append(body).append("}\n");
    // imports may have grown while building body: rebuild header
    String text = src.toString();
    StringBuilder header = new StringBuilder();
    for (String i : imports) header.append("import ").append(i).append(";\n");
    text = text.replaceFirst("(?s)package io.querydoctor.jdbc.proxy;\n\n(import [^\n]*\n)*", "package io.querydoctor.jdbc.proxy;\n\n" + header.toString().replace("$", "\\$"));
    Files.writeString(out.resolve(name + ".java"), text);
  }
}
