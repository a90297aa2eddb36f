package io.querydoctor.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size such as {@code 500MB}, {@code 1.5GB}, {@code 512MiB} or {@code 1048576}. {@code kB}/{@code MB}/{@code GB}
 * are decimal (10^3, 10^6, 10^9), as HypoPG reports sizes and the index-selection literature states budgets;
 * {@code KiB}/{@code MiB}/{@code GiB} are binary.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kKmMgGtT])(i?)[bB])?");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw new TypeConversionException("invalid size '" + value
          + "': expected a size such as 500MB, 1.5GB (decimal), 512MiB (binary) or 1048576 (bytes)");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "KMGT".indexOf(unit) + 1;
    BigDecimal base = BigDecimal.valueOf(m.group(3) != null && !m.group(3).isEmpty() ? 1024 : 1000);
    long bytes = n.multiply(base.pow(power)).longValue();
    if (power == 0 && n.scale() > 0) {
      throw new TypeConversionException("invalid size '" + value + "': a number of bytes is a whole number");
    }
    return bytes;
  }
}
