package io.querydoctor.postgres.log;

/** The severity word after the prefix of a stderr log line: {@code LOG:  }, {@code DETAIL:  }, … */
final class Severity {

  private Severity() {}

  /** Index where the message starts after {@code WORD:  } at {@code from}, or -1 when there is no severity. */
  static int messageStart(byte[] b, int from, int to) {
    int i = from;
    while (i < to && ((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= '0' && b[i] <= '9'))) {
      i++;
    }
    if (i == from || i - from > 10 || i + 1 >= to || b[i] != ':' || b[i + 1] != ' ') {
      return -1;
    }
    return i + 2 < to && b[i + 2] == ' ' ? i + 3 : i + 2;
  }

  /** True if the severity at {@code from} is {@code LOG}. */
  static boolean isLog(byte[] b, int from, int to) {
    return to - from > 4 && b[from] == 'L' && b[from + 1] == 'O' && b[from + 2] == 'G' && b[from + 3] == ':';
  }
}
