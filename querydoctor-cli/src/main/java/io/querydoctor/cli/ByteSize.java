package io.querydoctor.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A size option: bytes, or a number with KB, MB or GB (powers of 1024, as PostgreSQL's own memory settings). */
final class ByteSize implements ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    String text = value.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    for (String[] suffix : new String[][] {{"GB", "30"}, {"MB", "20"}, {"KB", "10"}, {"B", "0"}}) {
      if (text.endsWith(suffix[0])) {
        unit = 1L << Integer.parseInt(suffix[1]);
        text = text.substring(0, text.length() - suffix[0].length());
        break;
      }
    }
    try {
      long number = Long.parseLong(text);
      if (number <= 0 || number > Long.MAX_VALUE / unit) {
        throw new TypeConversionException("a size must be positive: " + value);
      }
      return number * unit;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a size: " + value + " (e.g. 256MB, 1GB)");
    }
  }
}
