package io.querydoctor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return withEnvironment(Map.of(), args);
  }

  /** Runs with {@code environment} as the one the config file is looked up in. */
  static CliRun withEnvironment(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The first line of stderr that is the error itself (not progress). */
  String errorLine() {
    return err.lines().filter(l -> l.startsWith("querydoctor: ")).findFirst().orElse("");
  }
}
