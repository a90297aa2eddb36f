package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A place in the application's code: the call site of the statements a capture finding is about (the first
 * frame outside the JDK, drivers, pools, ORMs and generated proxies).
 *
 * @param className fully qualified class name
 * @param methodName method name (a lambda's body is named by its enclosing method)
 * @param fileName source file, or {@code null} when unknown
 * @param line line number, or -1 when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeLocation(
    @JsonProperty("class") String className,
    @JsonProperty("method") String methodName,
    @JsonProperty("file") String fileName,
    @JsonProperty("line") int line) {

  public CodeLocation {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
  }

  /** The familiar stack-trace form: {@code com.example.UserService.list(UserService.java:42)}. */
  @Override
  public String toString() {
    String where = fileName == null ? "Unknown Source" : line >= 0 ? fileName + ":" + line : fileName;
    return className + "." + methodName + "(" + where + ")";
  }
}
