package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;

/**
 * One rule firing in one run of a scope, before aggregation across runs.
 *
 * @param ruleId the rule
 * @param scopeName the scope's name
 * @param fingerprintId the fingerprint it is about, or {@code null} for scope-level rules
 * @param example redacted statement, or a description for scope-level rules
 * @param callSite the application frame, when captured
 * @param comment a leading SQL comment of the statement (ORMs name the entity or collection there), or null
 * @param count statements involved in this run
 * @param totalNanos their database time
 * @param scopeNanos the scope run's duration
 * @param value the rule's measured number (its unit is the rule's: ms, rows, offset, ratio, …)
 */
public record Detection(
    String ruleId,
    String scopeName,
    String fingerprintId,
    String example,
    CallSite callSite,
    String comment,
    long count,
    long totalNanos,
    long scopeNanos,
    double value) {}
