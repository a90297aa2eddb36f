package io.querydoctor.core.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.StatementKind;
import io.querydoctor.core.sql.StatementShape;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The capture file format: JSON lines, one event per line, in the order the events happened.
 * <ul>
 *   <li>{@code {"type":"statement", "scopeId", "fingerprint", "sql", "kind", "limited", "locks", "params",
 *       "batch", "parameterHash" (salted with the raw text when redacted), "startNanos", "elapsedNanos",
 *       "consumeNanos" (-1 when not measured; absent in files written before it existed), "rows", "connection",
 *       "autoCommit", "failed", "offset", "thread", "callSite", "callSiteVia", "callSiteFramework"}} — {@code sql} is the redacted text unless
 *       literals were asked for;
 *   <li>{@code {"type":"scope", "id", "parentId", "name", "kind", "thread", "startNanos", "endNanos",
 *       "statementCount", "databaseNanos", "connectionsOpened", "transactions":[{…}]}} — written when the
 *       scope closes, after its statements.
 * </ul>
 * Times are nanoseconds of the capturing JVM's ticker: only differences are meaningful.
 */
final class CaptureLines {

  private final ObjectMapper json;
  private final boolean literals;
  // Per-file secret: equal values give equal hashes within the file, but the hash of a literal cannot be
  // checked against guesses by a reader of the file.
  private final long salt = new java.security.SecureRandom().nextLong();

  CaptureLines(ObjectMapper json, boolean literals) {
    this.json = json;
    this.literals = literals;
  }

  /**
   * What the redacted text loses, kept as a salted hash: the literal values and bound parameters, so that
   * a replay still tells "same statement, same values" (repeated query) from "different values" (N+1).
   */
  private long valuesHash(StatementEvent e) {
    long hash = salt ^ e.parameterHash();
    String sql = e.sql();
    for (int i = 0; i < sql.length(); i++) {
      hash ^= sql.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  String statement(StatementEvent e) {
    ObjectNode n = json.createObjectNode();
    StatementShape shape = e.fingerprint().shape();
    n.put("type", "statement").put("scopeId", e.scopeId()).put("fingerprint", e.fingerprint().id())
        .put("sql", literals ? e.sql() : e.fingerprint().normalized())
        .put("kind", shape.kind().name().toLowerCase(Locale.ROOT)).put("limited", shape.limited())
        .put("locks", shape.locksRows()).put("params", shape.parameterCount()).put("batch", e.batchSize())
        .put("parameterHash", literals ? e.parameterHash() : valuesHash(e)).put("startNanos", e.startNanos())
        .put("elapsedNanos", e.elapsedNanos()).put("consumeNanos", e.consumeNanos()).put("rows", e.rows())
        .put("connection", e.connectionId())
        .put("autoCommit", e.autoCommit()).put("failed", e.failed()).put("offset", e.offset())
        .put("thread", e.thread());
    if (e.callSite() != null) {
      n.put("callSite", e.callSite().toString());
      if (e.callSite().framework() != null) {
        n.put("callSiteFramework", e.callSite().framework());
      }
      if (e.callSite().via() != null) {
        n.put("callSiteVia", e.callSite().via());
      }
    }
    return write(n);
  }

  String scope(ScopeRecord s) {
    ObjectNode n = json.createObjectNode();
    n.put("type", "scope").put("id", s.id()).put("parentId", s.parentId()).put("name", s.name())
        .put("kind", s.kind().name().toLowerCase(Locale.ROOT)).put("thread", s.thread())
        .put("startNanos", s.startNanos()).put("endNanos", s.endNanos()).put("statementCount", s.statementCount())
        .put("databaseNanos", s.databaseNanos()).put("connectionsOpened", s.connectionsOpened());
    ArrayNode transactions = n.putArray("transactions");
    for (TransactionRecord t : s.transactions()) {
      transactions.addObject().put("connection", t.connectionId()).put("startNanos", t.startNanos())
          .put("endNanos", t.endNanos()).put("committed", t.committed()).put("statements", t.statements())
          .put("databaseNanos", t.databaseNanos()).put("lockingStatements", t.lockingStatements())
          .put("firstLockNanos", t.firstLockNanos()).put("firstFingerprint", t.firstFingerprintId())
          .put("firstStatement", t.firstStatement()).put("longestLockedGapNanos", t.longestLockedGapNanos())
          .put("callSite", t.callSite() == null ? null : t.callSite().toString());
    }
    return write(n);
  }

  private String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StatementEvent statement(JsonNode n) {
    StatementShape shape = new StatementShape(StatementKind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)),
        n.path("limited").asBoolean(), -1, 0, n.path("locks").asBoolean(), n.path("params").asInt());
    String sql = text(n, "sql");
    Fingerprint fingerprint = new Fingerprint(text(n, "fingerprint"), sql, shape);
    return new StatementEvent(sql, fingerprint, n.path("batch").asInt(1), n.path("parameterHash").asLong(),
        n.path("startNanos").asLong(), n.path("elapsedNanos").asLong(), n.path("consumeNanos").asLong(-1),
        n.path("rows").asLong(-1),
        n.path("connection").asLong(), n.path("autoCommit").asBoolean(), n.path("failed").asBoolean(),
        n.path("offset").asLong(-1), n.path("thread").asText(""), n.path("scopeId").asLong(),
        callSite(n));
  }

  private static CallSite callSite(JsonNode n) {
    CallSite site = CallSite.parse(n.hasNonNull("callSite") ? n.get("callSite").asText() : null);
    if (site == null) {
      return null;
    }
    return new CallSite(site.className(), site.methodName(), site.fileName(), site.line(),
        n.hasNonNull("callSiteVia") ? n.get("callSiteVia").asText() : null,
        n.hasNonNull("callSiteFramework") ? n.get("callSiteFramework").asText() : null);
  }

  static ScopeRecord scope(JsonNode n, List<StatementEvent> statements) {
    List<TransactionRecord> transactions = new ArrayList<>();
    for (JsonNode t : n.path("transactions")) {
      transactions.add(new TransactionRecord(t.path("connection").asLong(), t.path("startNanos").asLong(),
          t.path("endNanos").asLong(), t.path("committed").asBoolean(), t.path("statements").asInt(),
          t.path("databaseNanos").asLong(), t.path("lockingStatements").asInt(), t.path("firstLockNanos").asLong(-1),
          t.path("firstFingerprint").asText(null), t.path("firstStatement").asText(null),
          t.path("longestLockedGapNanos").asLong(-1),
          CallSite.parse(t.hasNonNull("callSite") ? t.get("callSite").asText() : null)));
    }
    return new ScopeRecord(n.path("id").asLong(), n.path("parentId").asLong(), text(n, "name"),
        ScopeKind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)), n.path("thread").asText(""),
        n.path("startNanos").asLong(), n.path("endNanos").asLong(), statements, n.path("statementCount").asInt(),
        n.path("databaseNanos").asLong(), n.path("connectionsOpened").asInt(), transactions);
  }

  private static String text(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value.asText();
  }
}
