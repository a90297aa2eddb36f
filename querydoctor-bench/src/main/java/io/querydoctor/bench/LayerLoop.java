package io.querydoctor.bench;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The statement loop of one layer in {@link CaptureCpuOverhead}, loaded once per layer by a class loader of its
 * own ({@link #forLayer}), so that each layer runs its own copy of the loop's code.
 *
 * <p>Why a copy per layer. With one loop shared by all layers, its calls to {@code prepareStatement},
 * {@code executeQuery} and so on see every layer's classes, and what the JIT makes of them depends on which layer
 * happened to be running when it compiled the loop: in some JVMs one layer's wrapper was inlined into the loop and
 * hit the compiler's node limit, leaving that layer's scope close uninlined, in others every call stayed virtual.
 * QueryDoctor's overhead then ranged from 80 to 190 ns between JVMs of the same build. An application calls one
 * layer from each call site, and so does a JMH fork.
 */
public final class LayerLoop implements CaptureCpuOverhead.Round {

  private final Connection connection;
  private final CaptureSession session; // null: no scopes
  private final int statementsPerRound;
  private Scope scope;
  private int inScope;
  private long sink;

  public LayerLoop(Connection connection, CaptureSession session, int statementsPerRound) {
    this.connection = connection;
    this.session = session;
    this.statementsPerRound = statementsPerRound;
  }

  /** A new copy of this class, defined by a class loader that delegates every other class to ours. */
  static CaptureCpuOverhead.Round forLayer(Connection connection, CaptureSession session, int statementsPerRound) {
    try {
      Class<?> copy = new OwnCopyLoader().loadClass(LayerLoop.class.getName());
      return (CaptureCpuOverhead.Round) copy.getConstructor(Connection.class, CaptureSession.class, int.class)
          .newInstance(connection, session, statementsPerRound);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load a copy of the statement loop", e);
    }
  }

  @Override
  public double[] run() throws SQLException {
    long process = CpuClock.processCpuNanos();
    long cpu = CpuClock.threadCpuNanos();
    for (int i = 0; i < statementsPerRound; i++) {
      statement(i % 10_000 + 1);
    }
    long threadUsed = CpuClock.threadCpuNanos() - cpu;
    long processUsed = process < 0 ? -statementsPerRound : CpuClock.processCpuNanos() - process;
    return new double[] {threadUsed / (double) statementsPerRound, processUsed / (double) statementsPerRound};
  }

  @Override
  public long sink() {
    return sink;
  }

  private void statement(int id) throws SQLException {
    if (session != null && (scope == null || ++inScope == 10)) {
      if (scope != null) {
        scope.close();
      }
      scope = session.scope("GET /items");
      inScope = 0;
    }
    try (PreparedStatement ps = connection.prepareStatement(CaptureOverheadBenchmark.SELECT)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          String name = rs.getString(1);
          sink += name == null ? 1 : name.length();
        }
      }
    }
  }

  /** Defines {@link LayerLoop} itself from its class file; everything else comes from the parent. */
  private static final class OwnCopyLoader extends ClassLoader {

    OwnCopyLoader() {
      super(LayerLoop.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(LayerLoop.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : define(name);
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      String file = name.replace('.', '/') + ".class";
      try (InputStream in = getParent().getResourceAsStream(file)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
