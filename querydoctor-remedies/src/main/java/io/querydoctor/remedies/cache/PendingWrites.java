package io.querydoctor.remedies.cache;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Invalidations the shared store has not heard of yet, per namespace: kept when a publish failed, published
 * before the next lookup may succeed. Past {@link #MAX_TABLES} tables a namespace collapses to "everything"
 * (one epoch raise), so memory stays bounded however long the store is down.
 */
final class PendingWrites {

  static final int MAX_TABLES = 1_000;

  /** Publishes one namespace's writes; throws {@link SharedTierUnavailable} when it cannot. */
  @FunctionalInterface
  interface Publisher {
    void publish(String namespace, Set<String> tables, boolean everything);
  }

  private static final class Writes {
    final Set<String> tables = new HashSet<>();
    boolean everything;
  }

  private final Map<String, Writes> byNamespace = new LinkedHashMap<>();
  private volatile int size;

  synchronized void add(String namespace, Set<String> tables, boolean everything) {
    Writes writes = byNamespace.computeIfAbsent(namespace, n -> new Writes());
    writes.everything |= everything || writes.tables.size() + tables.size() > MAX_TABLES;
    if (writes.everything) {
      writes.tables.clear();
    } else {
      writes.tables.addAll(tables);
    }
    size = count();
  }

  /** Publishes every namespace's writes, dropping each once published; on a failure the rest stays. */
  void drain(Publisher publisher) {
    if (size == 0) {
      return;
    }
    synchronized (this) {
      try {
        for (Iterator<Map.Entry<String, Writes>> it = byNamespace.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<String, Writes> e = it.next();
          publisher.publish(e.getKey(), Set.copyOf(e.getValue().tables), e.getValue().everything);
          it.remove();
        }
      } finally {
        size = count();
      }
    }
  }

  /** Tables waiting (a namespace waiting for "everything" counts as one). */
  int size() {
    return size;
  }

  private int count() {
    int n = 0;
    for (Writes w : byNamespace.values()) {
      n += w.everything ? 1 : Math.max(1, w.tables.size());
    }
    return n;
  }
}
