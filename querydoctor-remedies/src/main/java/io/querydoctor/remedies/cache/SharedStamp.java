package io.querydoctor.remedies.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The shared tier's versions of what one read depends on, as they were before its query ran: the namespace's
 * epoch (replaced when the store lost its keys, raised by a write whose tables are unknown) and one generation
 * per table read, in the order of the read's tables. An entry is current while its stamp equals the store's.
 */
record SharedStamp(long epoch, long[] generations) {

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedStamp s && s.epoch == epoch && Arrays.equals(s.generations, generations);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epoch) * 31 + Arrays.hashCode(generations);
  }

  @Override
  public String toString() {
    return "SharedStamp[epoch=" + epoch + ", generations=" + Arrays.toString(generations) + "]";
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(epoch);
    out.writeInt(generations.length);
    for (long g : generations) {
      out.writeLong(g);
    }
  }

  static SharedStamp read(DataInputStream in) throws IOException {
    long epoch = in.readLong();
    long[] generations = new long[in.readInt()];
    for (int i = 0; i < generations.length; i++) {
      generations[i] = in.readLong();
    }
    return new SharedStamp(epoch, generations);
  }
}
