package io.querydoctor.postgres.log;

import java.nio.charset.StandardCharsets;

/** Byte ranges of the fields a matched {@link LogLinePrefix} found on one line; decoded only when kept. */
final class PrefixFields {

  private final int[] timestamp = new int[2];
  private final int[] user = new int[2];
  private final int[] database = new int[2];
  private final int[] application = new int[2];
  private final int[] client = new int[2];

  void clear() {
    timestamp[1] = -1;
    user[1] = -1;
    database[1] = -1;
    application[1] = -1;
    client[1] = -1;
  }

  void timestamp(int from, int to) {
    timestamp[0] = from;
    timestamp[1] = to;
  }

  boolean hasTimestamp() {
    return timestamp[1] >= 0;
  }

  int timestampFrom() {
    return timestamp[0];
  }

  int timestampTo() {
    return timestamp[1];
  }

  void set(char field, int from, int to) {
    int[] range = switch (field) {
      case 'u' -> user;
      case 'd' -> database;
      case 'a' -> application;
      case 'h', 'r' -> client;
      default -> null;
    };
    if (range != null) {
      range[0] = from;
      range[1] = to;
    }
  }

  String user(byte[] b) {
    return text(b, user);
  }

  String database(byte[] b) {
    return text(b, database);
  }

  String application(byte[] b) {
    return text(b, application);
  }

  /** The client host; {@code %r}'s {@code (port)} is dropped. */
  String client(byte[] b) {
    String host = text(b, client);
    int port = host == null ? -1 : host.indexOf('(');
    return port > 0 ? host.substring(0, port) : host;
  }

  private static String text(byte[] b, int[] range) {
    if (range[1] < 0) {
      return null;
    }
    String value = new String(b, range[0], range[1] - range[0], StandardCharsets.UTF_8).strip();
    return value.isEmpty() || value.equals("[unknown]") ? null : value;
  }
}
