package io.querydoctor.core.capture;

/** A capture file that cannot be read; the message is one line naming the file and the line. */
public final class CaptureFileException extends RuntimeException {

  public CaptureFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
