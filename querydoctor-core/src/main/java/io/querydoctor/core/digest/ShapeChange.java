package io.querydoctor.core.digest;

/**
 * A shape that appeared or vanished between a baseline and now.
 *
 * @param fingerprint its fingerprint id
 * @param example its normalized statement
 * @param calls its calls in the digest it is in
 * @param totalMillis its total time there
 */
public record ShapeChange(String fingerprint, String example, long calls, double totalMillis) {

  static ShapeChange of(ShapeDigest shape) {
    return new ShapeChange(shape.fingerprint(), shape.example(), shape.calls(), shape.totalMillis());
  }
}
