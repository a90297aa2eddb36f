package io.querydoctor.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code querydoctor.*} settings of the starter. Every part is on by default; {@code querydoctor.enabled=false}
 * turns all of them off (no bean of the starter is created, no DataSource is wrapped).
 */
@ConfigurationProperties(prefix = "querydoctor")
public class QueryDoctorProperties {

  /** Whether QueryDoctor captures anything at all in this application. */
  private boolean enabled = true;

  private final DataSource datasource = new DataSource();
  private final Web web = new Web();
  private final Scheduling scheduling = new Scheduling();
  private final Messaging messaging = new Messaging();
  private final Log log = new Log();
  private final Endpoint endpoint = new Endpoint();
  private final Metrics metrics = new Metrics();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public DataSource getDatasource() {
    return datasource;
  }

  public Web getWeb() {
    return web;
  }

  public Scheduling getScheduling() {
    return scheduling;
  }

  public Messaging getMessaging() {
    return messaging;
  }

  public Log getLog() {
    return log;
  }

  public Endpoint getEndpoint() {
    return endpoint;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** Which DataSource beans are captured. */
  public static class DataSource {
    /** Whether DataSource beans are wrapped so that their statements are captured. */
    private boolean wrap = true;

    /** Names of DataSource beans to leave as they are (not captured). */
    private List<String> exclude = new ArrayList<>();

    public boolean isWrap() {
      return wrap;
    }

    public void setWrap(boolean wrap) {
      this.wrap = wrap;
    }

    public List<String> getExclude() {
      return exclude;
    }

    public void setExclude(List<String> exclude) {
      this.exclude = exclude;
    }
  }

  /** Scopes per HTTP request. */
  public static class Web {
    /** Whether each Spring MVC request runs in a scope named by its method and route template. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Scopes per {@code @Scheduled} run. */
  public static class Scheduling {
    /** Whether each run of a {@code @Scheduled} method runs in a scope named after the method. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Scopes per message given to a listener method. */
  public static class Messaging {
    /**
     * Whether each message given to a {@code @JmsListener}, {@code @KafkaListener}, {@code @RabbitListener} or
     * {@code @SqsListener} method is handled in a scope named after the method.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The log of findings. */
  public static class Log {
    /** Whether each finding is logged (WARN, logger io.querydoctor.findings) once per scope, rule and subject. */
    private boolean enabled = true;

    /** How many distinct (scope, rule, subject) keys are remembered as logged; beyond that, nothing more is logged. */
    private int maxLogged = 10_000;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getMaxLogged() {
      return maxLogged;
    }

    public void setMaxLogged(int maxLogged) {
      this.maxLogged = maxLogged;
    }
  }

  /** The {@code /actuator/querydoctor} endpoint's content (expose it with management.endpoints.web.exposure.include). */
  public static class Endpoint {
    /** How many query shapes, by total time, the endpoint lists. */
    private int topShapes = 20;

    /** How many scope names get statement counts of their own; later names count under "other". */
    private int maxScopeNames = 500;

    public int getTopShapes() {
      return topShapes;
    }

    public void setTopShapes(int topShapes) {
      this.topShapes = topShapes;
    }

    public int getMaxScopeNames() {
      return maxScopeNames;
    }

    public void setMaxScopeNames(int maxScopeNames) {
      this.maxScopeNames = maxScopeNames;
    }
  }

  /** Micrometer meters, bound when Micrometer is on the class path (Spring Boot Actuator). */
  public static class Metrics {
    /** Whether the querydoctor.* meters are registered. */
    private boolean enabled = true;

    /** How many query shapes get series of their own; all others are tagged fingerprint="other". */
    private int topFingerprints = 20;

    /** How many scope names get series of their own; later ones are tagged scope="other". */
    private int maxScopeNames = 100;

    /** How often the top shapes and the findings gauge are recomputed (also whenever a new finding is logged). */
    private Duration refreshEvery = Duration.ofSeconds(10);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getTopFingerprints() {
      return topFingerprints;
    }

    public void setTopFingerprints(int topFingerprints) {
      this.topFingerprints = topFingerprints;
    }

    public int getMaxScopeNames() {
      return maxScopeNames;
    }

    public void setMaxScopeNames(int maxScopeNames) {
      this.maxScopeNames = maxScopeNames;
    }

    public Duration getRefreshEvery() {
      return refreshEvery;
    }

    public void setRefreshEvery(Duration refreshEvery) {
      this.refreshEvery = refreshEvery;
    }
  }
}
