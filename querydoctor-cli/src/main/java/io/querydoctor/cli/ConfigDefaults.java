package io.querydoctor.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options from a config file, so that a team writes {@code fail-on = medium} once instead of on
 * every command line. The file is Java properties: {@code option = value} applies to every command that has
 * the option, {@code command.option = value} to one command ({@code diagnose.fail-on = high}); option names are
 * written without their dashes. The command line always wins. The file is found at {@code --config FILE},
 * else {@code QUERYDOCTOR_CONFIG}, else {@code $XDG_CONFIG_HOME/querydoctor/config} (default
 * {@code ~/.config/querydoctor/config}); none is fine.
 */
final class ConfigDefaults implements IDefaultValueProvider {

  private final Properties properties;

  private ConfigDefaults(Properties properties) {
    this.properties = properties;
  }

  /** The defaults in {@code file}; a one-line {@link UserError} when it cannot be read or holds a password. */
  static ConfigDefaults read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot read config file " + file + ": " + ErrorHandler.message(e));
    }
    for (String key : properties.stringPropertyNames()) {
      if (key.endsWith("password")) {
        throw new UserError("config file " + file + " sets '" + key + "': keep passwords out of it "
            + "(use password-env = VAR, PGPASSWORD or ~/.pgpass)");
      }
    }
    return new ConfigDefaults(properties);
  }

  /** The config file named by {@code explicit} or the environment, when there is one. */
  static Optional<Path> locate(Path explicit, Map<String, String> environment) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new UserError("config file " + explicit + " (from --config) does not exist");
      }
      return Optional.of(explicit);
    }
    String named = environment.get("QUERYDOCTOR_CONFIG");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    Path file = base.resolve("querydoctor").resolve("config");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || argSpec.command() == null) {
      return null;
    }
    String name = option.longestName().replaceFirst("^-+", "");
    String command = argSpec.command().name();
    String value = properties.getProperty(command + "." + name);
    return value != null ? value : properties.getProperty(name);
  }

  /** The arguments without {@code --config FILE} / {@code --config=FILE}, and the file they named. */
  record Split(List<String> arguments, Path config) {

    static Split of(String[] args) {
      List<String> rest = new ArrayList<>();
      Path config = null;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--")) {
          rest.addAll(List.of(args).subList(i, args.length));
          break;
        } else if (args[i].equals("--config")) {
          if (i + 1 >= args.length) {
            throw new UserError("--config needs a file");
          }
          config = Path.of(args[++i]);
        } else if (args[i].startsWith("--config=")) {
          config = Path.of(args[i].substring("--config=".length()));
        } else {
          rest.add(args[i]);
        }
      }
      return new Split(rest, config);
    }
  }
}
