package io.querydoctor.orm;

import java.util.ArrayList;
import java.util.List;

/** Artificial CPU load: busy threads, two per core, until closed (a CI machine running other builds). */
final class CpuLoad implements AutoCloseable {

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  static CpuLoad start() {
    CpuLoad load = new CpuLoad();
    for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(load::spin, "cpu-load-" + i);
      t.setDaemon(true);
      t.start();
      load.threads.add(t);
    }
    return load;
  }

  private void spin() {
    long x = 0;
    while (running) {
      x = x * 31 + 7;
    }
    if (x == 42) {
      System.err.print("");
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join();
    }
  }
}
