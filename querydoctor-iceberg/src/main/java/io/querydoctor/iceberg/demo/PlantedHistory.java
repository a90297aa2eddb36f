package io.querydoctor.iceberg.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo's query history: an hour of dashboard queries on the planted tables, in the JSON-lines format of
 * docs/iceberg.md (the runbook's metric names: {@code query_text}, {@code duration_ms}, {@code start_time},
 * {@code files_scanned}, {@code bytes_scanned}). Latencies are multiplied by {@code latencyFactor}, so a faster
 * copy serves as the baseline of a latency regression.
 */
public final class PlantedHistory {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2024-02-01T09:00:00Z");

  private PlantedHistory() {}

  public static String jsonLines(String ns, double latencyFactor) {
    Random random = new Random(11);
    List<Query> queries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int day = 1 + random.nextInt(28);
      queries.add(new Query(String.format(Locale.ROOT, "SELECT event_type, count(*) FROM %s.events WHERE ts >= "
          + "TIMESTAMP '2024-01-%02d 00:00:00' AND ts < TIMESTAMP '2024-01-%02d 00:00:00' AND event_type = 'click' "
          + "GROUP BY event_type", ns, day, day + 1), 2_400 + random.nextInt(800), 40));
    }
    for (int i = 0; i < 10; i++) {
      queries.add(new Query("SELECT * FROM " + ns + ".events WHERE user_id = " + (1 + random.nextInt(100_000)),
          1_800 + random.nextInt(400), 40));
    }
    for (int i = 0; i < 8; i++) {
      queries.add(new Query("SELECT count(*) FROM " + ns + ".events WHERE date_format(ts, 'yyyy-MM-dd') = '2024-01-"
          + String.format(Locale.ROOT, "%02d", 10 + i) + "'", 3_000 + random.nextInt(500), 40));
    }
    for (int i = 0; i < 20; i++) {
      queries.add(new Query("SELECT region, sum(events) FROM " + ns + ".daily_totals WHERE event_date >= DATE "
          + "'2024-01-01' AND event_date < DATE '2024-02-01' AND region = 'eu-" + (i % 5) + "' GROUP BY region",
          100 + random.nextInt(40), 1));
    }
    for (int i = 0; i < 10; i++) {
      queries.add(new Query("SELECT page, sum(views) FROM " + ns + ".page_views_hourly WHERE view_ts >= TIMESTAMP "
          + "'2024-01-01 00:00:00' AND view_ts < TIMESTAMP '2024-01-02 00:00:00' GROUP BY page",
          900 + random.nextInt(200), 24));
    }
    for (int i = 0; i < 5; i++) {
      queries.add(new Query("SELECT count(*) FROM " + ns + ".sessions", 1_500 + random.nextInt(300), 110));
    }
    java.util.Collections.shuffle(queries, random);
    StringBuilder out = new StringBuilder();
    long step = 3_600_000L / queries.size();
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      ObjectNode line = JSON.createObjectNode();
      line.put("start_time", START.plusMillis(i * step).toString());
      line.put("query_text", q.sql());
      line.put("duration_ms", Math.round(q.millis() * latencyFactor));
      line.put("files_scanned", q.files());
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private record Query(String sql, long millis, int files) {}
}
