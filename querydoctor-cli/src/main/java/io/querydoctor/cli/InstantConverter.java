package io.querydoctor.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --since}/{@code --until}: an ISO-8601 time with or without a zone ({@code 2026-11-21T06:00:00Z},
 * {@code 2026-11-21T08:00+02:00}, {@code 2026-11-21 06:00:00}) or a date ({@code 2026-11-21}, its midnight).
 * Without a zone the time is UTC, the zone servers are usually told to log in.
 */
final class InstantConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    String text = value.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new TypeConversionException("'" + value + "' is not an ISO-8601 time such as 2026-11-21T06:00:00Z, "
              + "2026-11-21 06:00 (UTC) or 2026-11-21");
        }
      }
    }
  }
}
