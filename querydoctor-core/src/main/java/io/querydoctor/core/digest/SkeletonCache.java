package io.querydoctor.core.digest;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.ShapeSkeleton;
import java.util.Arrays;

/**
 * Fingerprints by {@link ShapeSkeleton}, bounded.
 *
 * <p>Design note. An open-addressing table (linear probing, power-of-two size, at most half full) whose keys
 * are the skeletons' chars, compared in full on a hash match, so a hash collision can never hand out the wrong
 * fingerprint. Looking up needs no String: the scanner's buffer is compared in place, and a key is copied
 * only when a new skeleton is stored. When {@code capacity} skeletons are stored the table is emptied (a log
 * has far fewer skeletons than that unless it is pathological). Single-threaded.
 */
final class SkeletonCache {

  private final int capacity;
  private final int mask;
  private final char[][] keys;
  private final int[] hashes;
  private final Fingerprint[] values;
  private int size;

  SkeletonCache(int capacity) {
    this.capacity = capacity;
    int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    this.mask = slots - 1;
    this.keys = new char[slots][];
    this.hashes = new int[slots];
    this.values = new Fingerprint[slots];
  }

  /** The fingerprint stored for the scanner's current skeleton, or null. */
  Fingerprint get(ShapeSkeleton skeleton) {
    int hash = skeleton.hash();
    for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && matches(keys[slot], skeleton)) {
        return values[slot];
      }
    }
    return null;
  }

  /** Stores {@code fingerprint} for the scanner's current skeleton (which {@link #get} did not find). */
  void put(ShapeSkeleton skeleton, Fingerprint fingerprint) {
    if (size >= capacity) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
    }
    int hash = skeleton.hash();
    int slot = spread(hash) & mask;
    while (keys[slot] != null) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = Arrays.copyOf(skeleton.chars(), skeleton.length());
    hashes[slot] = hash;
    values[slot] = fingerprint;
    size++;
  }

  int size() {
    return size;
  }

  private static boolean matches(char[] key, ShapeSkeleton skeleton) {
    return key.length == skeleton.length()
        && Arrays.equals(key, 0, key.length, skeleton.chars(), 0, skeleton.length());
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
