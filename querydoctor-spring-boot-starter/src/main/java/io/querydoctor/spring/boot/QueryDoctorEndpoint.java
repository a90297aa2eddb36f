package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.finding.Finding;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/querydoctor}: the capture session's findings (ranked by impact, the same records as
 * {@code querydoctor diagnose --format json}), the top query shapes by total time, and statement counts per
 * scope name. Read-only; expose it like any actuator endpoint
 * ({@code management.endpoints.web.exposure.include=querydoctor}).
 */
@Endpoint(id = "querydoctor")
public class QueryDoctorEndpoint {

  private final CaptureSession session;
  private final ScopeTally scopes;
  private final int topShapes;

  QueryDoctorEndpoint(CaptureSession session, ScopeTally scopes, int topShapes) {
    this.session = session;
    this.scopes = scopes;
    this.topShapes = topShapes;
  }

  /** The endpoint's JSON body. */
  public record Report(List<Finding> findings, List<FingerprintSummary> topShapes, List<ScopeCounts> scopes,
      long captureFailures) {}

  @ReadOperation
  public Report report() {
    List<FingerprintSummary> top = session.aggregate().summaries().stream()
        .sorted(Comparator.comparingDouble(FingerprintSummary::totalMillis).reversed())
        .limit(topShapes).toList();
    return new Report(session.findings(), top, scopes.rows(), session.failures());
  }
}
