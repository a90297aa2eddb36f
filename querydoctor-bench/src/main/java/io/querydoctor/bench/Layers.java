package io.querydoctor.bench;

import com.p6spy.engine.spy.P6DataSource;
import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.listener.logging.SLF4JLogLevel;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** The capture layers compared, each configured as its users typically run it (BENCHMARKS.md §1). */
final class Layers {

  private Layers() {}

  /** Wraps {@code base} in {@code layer}; {@code session} receives QueryDoctor's capture. */
  static DataSource wrap(String layer, DataSource base, CaptureSession[] session) {
    switch (layer) {
      case "raw":
        return base;
      case "querydoctor":
      case "querydoctor-noscope":
      case "querydoctor-norows":
        // Full capture: timing, fingerprint, aggregate, detectors, row counting; stack capture off. The benchmark
        // opens a scope per 10 statements for "querydoctor" and "querydoctor-norows", none for
        // "querydoctor-noscope". "querydoctor-norows" is the target configuration (fingerprinting and
        // scope tracking on, stack capture off) without the optional row counting, so no result-set wrapper.
        session[0] = CaptureSession.start(CaptureOptions.builder().callSites(CallSiteMode.OFF)
            .countRows(!layer.equals("querydoctor-norows")).build());
        return QueryDoctor.wrap(base, WrapOptions.defaults().withSession(session[0])
            .withDialect(SqlDialect.POSTGRESQL).withPooled(true));
      case "p6spy":
        // p6spy's defaults: every statement logged to a file.
        System.setProperty("p6spy.config.logfile", System.getProperty("java.io.tmpdir") + "/querydoctor-bench-spy.log");
        return new P6DataSource(base);
      case "p6spy-filtered":
        // p6spy with its logging filtered off: the cheapest configuration users run in production.
        System.setProperty("p6spy.config.logfile", System.getProperty("java.io.tmpdir") + "/querydoctor-bench-spy.log");
        System.setProperty("p6spy.config.excludecategories",
            "info,debug,result,resultset,batch,commit,rollback,statement");
        return new P6DataSource(base);
      case "dsproxy-count":
        return ProxyDataSourceBuilder.create(base).countQuery().build();
      case "dsproxy-slf4j":
        // Logs through SLF4J at DEBUG while the logger is at INFO: the listener runs, nothing is written.
        return ProxyDataSourceBuilder.create(base).logQueryBySlf4j(SLF4JLogLevel.DEBUG).build();
      default:
        throw new IllegalArgumentException("unknown layer " + layer);
    }
  }
}
