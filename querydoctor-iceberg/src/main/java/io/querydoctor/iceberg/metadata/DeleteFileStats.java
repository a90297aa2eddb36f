package io.querydoctor.iceberg.metadata;

/**
 * One live delete file (merge-on-read) of a table.
 *
 * @param location the file's location
 * @param positional position deletes (else equality deletes)
 * @param sizeBytes the file's size
 * @param records deleted rows (positions or equality keys) it holds
 */
public record DeleteFileStats(String location, boolean positional, long sizeBytes, long records) {}
