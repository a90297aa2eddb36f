package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static LineReader reader(byte[] bytes, ParseProblems problems, int max) {
    return new LineReader(new ByteArrayInputStream(bytes), problems, max);
  }

  private static List<String> lines(LineReader reader) {
    List<String> lines = new ArrayList<>();
    while (reader.next()) {
      lines.add(reader.number() + ":" + reader.text());
    }
    return lines;
  }

  @Test
  void splitsOnNewlinesDropsCarriageReturnsAndKeepsATruncatedLastLine() {
    byte[] bytes = "a\r\nbb\n\nlast".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(reader(bytes, new ParseProblems(), 100))).containsExactly("1:a", "2:bb", "3:", "4:last");
  }

  @Test
  void pushBackReturnsTheSameLineAgain() {
    LineReader reader = reader("one\ntwo\n".getBytes(StandardCharsets.UTF_8), new ParseProblems(), 100);

    reader.next();
    reader.next();
    reader.pushBack();

    assertThat(lines(reader)).containsExactly("2:two");
  }

  @Test
  void skipsOverLongLinesAcrossBufferRefillsAndCountsThem() {
    String longLine = "x".repeat(200_000);
    byte[] bytes = ("short\n" + longLine + "\nafter\n" + longLine).getBytes(StandardCharsets.UTF_8);
    ParseProblems problems = new ParseProblems();

    assertThat(lines(reader(bytes, problems, 1000))).containsExactly("1:short", "3:after");
    assertThat(problems.summary().byReason()).containsEntry(LineReader.TOO_LONG, 2L);
    assertThat(problems.summary().firstLines()).containsExactly(2L, 4L);
  }

  @Test
  void decodesValidUtf8AndRefusesInvalidBytes() {
    byte[] bytes = {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9, '\n', 'c', 'a', 'f', (byte) 0xe9, '\n', (byte) 0xef,
        (byte) 0xbf, (byte) 0xbd, '\n'};
    LineReader reader = reader(bytes, new ParseProblems(), 100);

    assertThat(lines(reader)).containsExactly("1:café", "2:null", "3:\uFFFD");
  }
}
