package io.querydoctor.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.detect.DetectionEngine;
import io.querydoctor.core.detect.DetectorThresholds;
import io.querydoctor.core.detect.Detectors;
import io.querydoctor.core.finding.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a capture file written by a {@link CaptureSession} and replays it through the aggregate and the
 * detectors, as {@code querydoctor diagnose --capture FILE} does. Streams the file: memory is bounded by the
 * statements of the scopes open at one point of the file (capped per scope like live capture).
 *
 * <p>A malformed line fails with a {@link CaptureFileException} naming the line, except a truncated last line
 * (the application stopped mid-write), which is skipped and counted in {@link Replay#skippedLines()}.
 */
public final class CaptureFileReader {

  /**
   * What a capture file contained, analyzed; {@code spanNanos} is the time from the first statement's start to
   * the last one's end (0 without statements), to turn counts into rates.
   */
  public record Replay(List<Finding> findings, WorkloadAggregate aggregate, long statements, long scopes,
      long skippedLines, long spanNanos) {

    public Replay(List<Finding> findings, WorkloadAggregate aggregate, long statements, long scopes,
        long skippedLines) {
      this(findings, aggregate, statements, scopes, skippedLines, 0);
    }
  }

  private final DetectorThresholds thresholds;
  private final int maxStatementsPerScope;
  private final int maxFingerprints;

  public CaptureFileReader(DetectorThresholds thresholds, int maxStatementsPerScope, int maxFingerprints) {
    this.thresholds = thresholds;
    this.maxStatementsPerScope = maxStatementsPerScope;
    this.maxFingerprints = maxFingerprints;
  }

  public CaptureFileReader() {
    this(DetectorThresholds.defaults(), 10_000, 1_000);
  }

  public Replay read(Path file) {
    WorkloadAggregate aggregate = new WorkloadAggregate(maxFingerprints);
    DetectionEngine engine = new DetectionEngine(Detectors.all(thresholds), maxFingerprints * 4);
    Map<Long, List<StatementEvent>> open = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    long statements = 0;
    long scopes = 0;
    long skipped = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      int number = 0;
      while (line != null) {
        number++;
        String next = reader.readLine();
        if (!line.isBlank()) {
          JsonNode node;
          try {
            node = json.readTree(line);
            if (node == null || !node.isObject()) {
              throw new IllegalArgumentException("not a JSON object");
            }
            if (isStatement(node)) {
              StatementEvent event = CaptureLines.statement(node);
              aggregate.statementExecuted(event);
              engine.statementExecuted(event);
              if (event.scopeId() != 0) {
                add(open.computeIfAbsent(event.scopeId(), id -> new ArrayList<>()), event);
              }
              statements++;
              first = Math.min(first, event.startNanos());
              last = Math.max(last, event.startNanos() + Math.max(event.elapsedNanos(), 0));
            } else {
              ScopeRecord scope = CaptureLines.scope(node, open.getOrDefault(node.path("id").asLong(), List.of()));
              open.remove(scope.id());
              if (scope.parentId() != 0) {
                List<StatementEvent> parent = open.computeIfAbsent(scope.parentId(), id -> new ArrayList<>());
                scope.statements().forEach(e -> add(parent, e));
              }
              engine.scopeClosed(scope);
              scopes++;
            }
          } catch (IOException | RuntimeException e) {
            if (next == null) {
              skipped++;
            } else {
              throw new CaptureFileException(file + " line " + number + ": not a capture event ("
                  + firstLine(e) + ")", e);
            }
          }
        }
        line = next;
      }
    } catch (IOException e) {
      throw new CaptureFileException("cannot read capture file " + file + ": " + e.getMessage(), e);
    }
    return new Replay(engine.findings(), aggregate, statements, scopes, skipped,
        statements == 0 ? 0 : Math.max(last - first, 0));
  }

  private void add(List<StatementEvent> list, StatementEvent event) {
    if (list.size() < maxStatementsPerScope) {
      list.add(event);
    }
  }

  private static boolean isStatement(JsonNode node) {
    String type = node.path("type").asText();
    if (!type.equals("statement") && !type.equals("scope")) {
      throw new IllegalArgumentException("unknown type '" + type + "'");
    }
    return type.equals("statement");
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
