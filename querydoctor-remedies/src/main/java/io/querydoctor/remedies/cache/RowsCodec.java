package io.querydoctor.remedies.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The bytes of a cached result in the shared tier, and the hash that names it.
 *
 * <p>Design note: a small tagged format of its own, not Java serialization. Entries come back from a store other
 * processes write to, and deserializing arbitrary classes from the network is a remote-code-execution hole; here
 * only the value types drivers return for plain columns are written (numbers, text, booleans, bytes, dates and
 * times, UUIDs) and anything else makes the result local-only ({@link #encode} returns null). A version byte
 * leads, so an instance running another format treats the entry as a miss rather than misreading it.
 */
final class RowsCodec {

  static final byte VERSION = 1;

  private RowsCodec() {}

  /** One shared entry: the stamp its rows were read under, when they were read, and the rows. */
  record Entry(SharedStamp stamp, long readAtMillis, CachedRows rows) {}

  /** The bytes of {@code entry}, or null when a value is of a type the format does not carry. */
  static byte[] encode(Entry entry) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      entry.stamp().write(out);
      out.writeLong(entry.readAtMillis());
      CachedRows rows = entry.rows();
      out.writeInt(rows.columns().size());
      for (CachedRows.Column c : rows.columns()) {
        writeText(out, c.label());
        writeText(out, c.name());
        out.writeInt(c.type());
        writeText(out, c.typeName());
        writeText(out, c.className());
        writeText(out, c.table());
      }
      out.writeInt(rows.rowCount());
      for (int r = 0; r < rows.rowCount(); r++) {
        Object[] values = rows.values().get(r);
        String[] texts = rows.texts().get(r);
        for (int i = 0; i < values.length; i++) {
          if (!writeValue(out, values[i])) {
            return null;
          }
          writeText(out, texts[i]);
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
  }

  /** The entry in {@code bytes}, or null when they are not in this format (another version, truncated). */
  static Entry decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readByte() != VERSION) {
        return null;
      }
      SharedStamp stamp = SharedStamp.read(in);
      long readAt = in.readLong();
      int columnCount = in.readInt();
      List<CachedRows.Column> columns = new ArrayList<>(columnCount);
      for (int i = 0; i < columnCount; i++) {
        columns.add(new CachedRows.Column(readText(in), readText(in), in.readInt(), readText(in), readText(in),
            readText(in)));
      }
      int rowCount = in.readInt();
      List<Object[]> values = new ArrayList<>(rowCount);
      List<String[]> texts = new ArrayList<>(rowCount);
      for (int r = 0; r < rowCount; r++) {
        Object[] row = new Object[columnCount];
        String[] text = new String[columnCount];
        for (int i = 0; i < columnCount; i++) {
          row[i] = readValue(in);
          text[i] = readText(in);
        }
        values.add(row);
        texts.add(text);
      }
      return new Entry(stamp, readAt, new CachedRows(List.copyOf(columns), values, texts, true));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The shared key of one read: a hash of the database's namespace, the SQL text and the bound values. */
  static String keyHash(String namespace, CacheKey key) {
    StringBuilder text = new StringBuilder(key.sql().length() + 64).append(namespace).append('\0')
        .append(key.sql());
    for (Object value : key.values()) {
      // Type and value: setLong(1, 5) and setString(1, "5") are different reads.
      text.append('\0').append(value.getClass().getName()).append('\1').append(valueText(value));
    }
    return sha256(text.toString());
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String valueText(Object value) {
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return HexFormat.of().formatHex(copy);
    }
    return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static boolean writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte('n');
    } else if (v instanceof String s) {
      out.writeByte('s');
      writeText(out, s);
    } else if (v instanceof Integer i) {
      out.writeByte('i');
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte('l');
      out.writeLong(l);
    } else if (v instanceof Short s) {
      out.writeByte('h');
      out.writeShort(s);
    } else if (v instanceof Byte b) {
      out.writeByte('y');
      out.writeByte(b);
    } else if (v instanceof Double d) {
      out.writeByte('d');
      out.writeDouble(d);
    } else if (v instanceof Float f) {
      out.writeByte('f');
      out.writeFloat(f);
    } else if (v instanceof Boolean b) {
      out.writeByte('z');
      out.writeBoolean(b);
    } else if (v instanceof BigDecimal d) {
      out.writeByte('m');
      writeText(out, d.toString());
    } else if (v instanceof BigInteger i) {
      out.writeByte('g');
      writeText(out, i.toString());
    } else if (v instanceof byte[] b) {
      out.writeByte('b');
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof UUID u) {
      out.writeByte('u');
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    } else {
      return writeTemporal(out, v);
    }
    return true;
  }

  private static boolean writeTemporal(DataOutputStream out, Object v) throws IOException {
    // Exact classes: a driver's subclass of Timestamp may carry more than millis and nanos.
    if (v.getClass() == java.sql.Timestamp.class) {
      java.sql.Timestamp t = (java.sql.Timestamp) v;
      out.writeByte('T');
      out.writeLong(t.getTime());
      out.writeInt(t.getNanos());
    } else if (v.getClass() == java.sql.Date.class) {
      out.writeByte('D');
      out.writeLong(((java.sql.Date) v).getTime());
    } else if (v.getClass() == java.sql.Time.class) {
      out.writeByte('H');
      out.writeLong(((java.sql.Time) v).getTime());
    } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime
        || v instanceof OffsetDateTime || v instanceof Instant) {
      out.writeByte('J');
      writeText(out, v.getClass().getSimpleName());
      writeText(out, v.toString());
    } else {
      return false;
    }
    return true;
  }

  private static Object readValue(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case 'n' -> null;
      case 's' -> readText(in);
      case 'i' -> in.readInt();
      case 'l' -> in.readLong();
      case 'h' -> in.readShort();
      case 'y' -> in.readByte();
      case 'd' -> in.readDouble();
      case 'f' -> in.readFloat();
      case 'z' -> in.readBoolean();
      case 'm' -> new BigDecimal(readText(in));
      case 'g' -> new BigInteger(readText(in));
      case 'b' -> {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        yield b;
      }
      case 'u' -> new UUID(in.readLong(), in.readLong());
      case 'T' -> {
        java.sql.Timestamp t = new java.sql.Timestamp(in.readLong());
        t.setNanos(in.readInt());
        yield t;
      }
      case 'D' -> new java.sql.Date(in.readLong());
      case 'H' -> new java.sql.Time(in.readLong());
      case 'J' -> javaTime(readText(in), readText(in));
      default -> throw new IOException("unknown value tag " + tag);
    };
  }

  private static Object javaTime(String type, String text) throws IOException {
    return switch (type) {
      case "LocalDate" -> LocalDate.parse(text);
      case "LocalDateTime" -> LocalDateTime.parse(text);
      case "LocalTime" -> LocalTime.parse(text);
      case "OffsetDateTime" -> OffsetDateTime.parse(text);
      case "Instant" -> Instant.parse(text);
      default -> throw new IOException("unknown time type " + type);
    };
  }
}
