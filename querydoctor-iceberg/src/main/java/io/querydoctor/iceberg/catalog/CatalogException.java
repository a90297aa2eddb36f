package io.querydoctor.iceberg.catalog;

/** A catalog or table that cannot be reached or read; its message is one line a user can act on. */
public final class CatalogException extends RuntimeException {

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
