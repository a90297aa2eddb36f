package io.querydoctor.remedies.cache;

/** The shared store could not be reached in time; the cache falls back to the database. */
final class SharedTierUnavailable extends RuntimeException {

  SharedTierUnavailable(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
