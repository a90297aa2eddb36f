package io.querydoctor.monitor.pgbouncer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection to PgBouncer's admin console speaking the PostgreSQL wire protocol's simple query flow itself.
 *
 * <p>Why not pgjdbc: the console reports its own version (e.g. {@code 1.18.0/bouncer}), which pgjdbc takes for
 * a pre-9.0 server and answers with {@code SET extra_float_digits = 2}; the console refuses any SET of a
 * non-PgBouncer setting ("SET failed") and pgjdbc gives up connecting, whatever its options. The console needs
 * little: a startup message, trust, cleartext or MD5 password authentication (PgBouncer's {@code auth_type}
 * trust, plain, md5; SCRAM is not supported here), and {@code Query} messages whose rows are text. Values are
 * returned as text by column name. Not thread-safe; one statement at a time.
 */
public final class PgBouncerConsole implements AutoCloseable {

  private static final int PROTOCOL_3 = 196_608;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private PgBouncerConsole(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /**
   * Connects and logs in to database {@code pgbouncer}.
   *
   * @param password null for trust authentication
   * @throws IOException with the server's message when it refuses
   */
  public static PgBouncerConsole open(String host, int port, String user, String password, int timeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      PgBouncerConsole console = new PgBouncerConsole(socket);
      console.login(user, password);
      return console;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void login(String user, String password) throws IOException {
    byte[] parameters = ("user\0" + user + "\0database\0pgbouncer\0application_name\0querydoctor\0\0")
        .getBytes(StandardCharsets.UTF_8);
    out.writeInt(8 + parameters.length);
    out.writeInt(PROTOCOL_3);
    out.write(parameters);
    out.flush();
    while (true) {
      char type = (char) in.readUnsignedByte();
      byte[] body = body();
      switch (type) {
        case 'R' -> authenticate(body, user, password);
        case 'E' -> throw new IOException(errorMessage(body));
        case 'Z' -> {
          return;
        }
        default -> {
          // ParameterStatus, BackendKeyData, notices: nothing the monitor needs
        }
      }
    }
  }

  private void authenticate(byte[] body, String user, String password) throws IOException {
    int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
    if (code == 0) {
      return;
    }
    if (password == null) {
      throw new IOException("PgBouncer asks for a password: give it in the --pgbouncer URL or PGPASSWORD");
    }
    String answer = switch (code) {
      case 3 -> password;
      case 5 -> "md5" + md5(md5(password + user) + new String(body, 4, 4, StandardCharsets.ISO_8859_1));
      default -> throw new IOException("PgBouncer asks for an authentication the monitor does not speak (code "
          + code + "; 10 is SCRAM): use auth_type md5 or plain for the stats user");
    };
    byte[] bytes = (answer + "\0").getBytes(StandardCharsets.UTF_8);
    out.writeByte('p');
    out.writeInt(4 + bytes.length);
    out.write(bytes);
    out.flush();
  }

  private static String md5(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /** Runs one console command (e.g. {@code SHOW POOLS}); its rows as column name → text (null for NULL). */
  public List<Map<String, String>> query(String command) throws IOException {
    byte[] sql = (command + "\0").getBytes(StandardCharsets.UTF_8);
    out.writeByte('Q');
    out.writeInt(4 + sql.length);
    out.write(sql);
    out.flush();
    List<String> columns = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    String error = null;
    while (true) {
      char type = (char) in.readUnsignedByte();
      byte[] body = body();
      switch (type) {
        case 'T' -> columns = columns(body);
        case 'D' -> rows.add(row(body, columns));
        case 'E' -> error = errorMessage(body);
        case 'Z' -> {
          if (error != null) {
            throw new IOException(error);
          }
          return rows;
        }
        default -> {
          // CommandComplete, notices
        }
      }
    }
  }

  private byte[] body() throws IOException {
    int length = in.readInt();
    if (length < 4 || length > (64 << 20)) {
      throw new IOException("not a PostgreSQL protocol message (length " + length + ")");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }

  private static List<String> columns(byte[] body) {
    List<String> names = new ArrayList<>();
    int count = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    int at = 2;
    for (int i = 0; i < count; i++) {
      int end = at;
      while (body[end] != 0) {
        end++;
      }
      names.add(new String(body, at, end - at, StandardCharsets.UTF_8));
      at = end + 1 + 18; // table oid, attnum, type oid, type length, type modifier, format
    }
    return names;
  }

  private static Map<String, String> row(byte[] body, List<String> columns) {
    Map<String, String> row = new LinkedHashMap<>();
    int count = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    int at = 2;
    for (int i = 0; i < count; i++) {
      int length = ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8)
          | (body[at + 3] & 0xff);
      at += 4;
      String value = length < 0 ? null : new String(body, at, length, StandardCharsets.UTF_8);
      at += Math.max(0, length);
      row.put(i < columns.size() ? columns.get(i) : "column" + i, value);
    }
    return row;
  }

  /** The 'M' (message) field of an ErrorResponse. */
  private static String errorMessage(byte[] body) {
    int at = 0;
    while (at < body.length && body[at] != 0) {
      char field = (char) body[at];
      int end = at + 1;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      if (field == 'M') {
        return "PgBouncer: " + new String(body, at + 1, end - at - 1, StandardCharsets.UTF_8);
      }
      at = end + 1;
    }
    return "PgBouncer refused";
  }

  @Override
  public void close() throws IOException {
    try {
      out.writeByte('X');
      out.writeInt(4);
      out.flush();
    } catch (IOException alreadyGone) {
      // the connection is closed below anyway
    } finally {
      socket.close();
    }
  }
}
