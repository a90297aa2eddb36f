package io.querydoctor.monitor.log;

import io.querydoctor.monitor.sample.MonitoredTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code --log FILE}: a server log on the monitor's machine, tailed by offset. Rotation is noticed by the file
 * key (a new inode under the same name) or by the file being shorter than the offset (truncated in place).
 */
public final class LocalLogFile implements LogSource {

  private final Path file;
  private Object fileKey;
  private long offset = -1;

  public LocalLogFile(Path file) {
    this.file = file;
  }

  @Override
  public byte[] readNew(MonitoredTarget target, int maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    long size = attributes.size();
    Object key = attributes.fileKey();
    if (offset < 0) {
      offset = size;
      fileKey = key;
      return new byte[0];
    }
    if ((key != null && !key.equals(fileKey)) || size < offset) {
      offset = 0;
      fileKey = key;
    }
    int length = (int) Math.min(maxBytes, size - offset);
    if (length <= 0) {
      return new byte[0];
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read until the buffer is full or the file ends
      }
    }
    offset += buffer.position();
    return java.util.Arrays.copyOf(buffer.array(), buffer.position());
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
