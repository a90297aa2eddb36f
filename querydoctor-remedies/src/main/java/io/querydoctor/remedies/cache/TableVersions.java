package io.querydoctor.remedies.cache;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version number per table, raised after every committed write to it, and one for "everything" (a write whose
 * tables are unknown). An entry remembers the versions of its tables as they were before its query ran; it is
 * current only while none has moved.
 *
 * <p>Design note: this closes the race a delete-on-write cache has. A reader that queried before a commit and
 * stores its (old) rows after the writer invalidated would otherwise leave a stale entry behind; here the reader
 * took its versions before it queried, the writer raised them after the commit, so the late entry is already
 * outdated when it is stored and the next lookup drops it. Invalidation is O(tables written), never a scan.
 */
final class TableVersions {

  private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final AtomicLong everything = new AtomicLong();

  /** The current versions of {@code tables}, last element the version of "everything". */
  long[] snapshot(List<String> tables) {
    long[] snapshot = new long[tables.size() + 1];
    for (int i = 0; i < tables.size(); i++) {
      snapshot[i] = versions.computeIfAbsent(tables.get(i), t -> new AtomicLong()).get();
    }
    snapshot[tables.size()] = everything.get();
    return snapshot;
  }

  /** Whether no table of a snapshot (and not "everything") has been written since it was taken. */
  boolean current(List<String> tables, long[] snapshot) {
    if (everything.get() != snapshot[tables.size()]) {
      return false;
    }
    for (int i = 0; i < tables.size(); i++) {
      if (versions.get(tables.get(i)).get() != snapshot[i]) {
        return false;
      }
    }
    return true;
  }

  void written(Collection<String> tables) {
    for (String table : tables) {
      versions.computeIfAbsent(table, t -> new AtomicLong()).incrementAndGet();
    }
  }

  void writtenEverything() {
    everything.incrementAndGet();
  }
}
