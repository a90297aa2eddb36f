package io.querydoctor.spring.boot;

import io.querydoctor.jdbc.QueryDoctor;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Wraps every {@link DataSource} bean with {@link QueryDoctor#wrap(DataSource)} once it is initialized, except
 * the beans named in {@code querydoctor.datasource.exclude}. The wrapper unwraps to the original
 * ({@code unwrap(HikariDataSource.class)}), so pool metrics and health checks still find the pool.
 *
 * <p>A bean post-processor is created before the configuration properties can be bound as a bean, so it reads
 * the exclusions from the environment itself.
 */
final class DataSourceCapture implements BeanPostProcessor, EnvironmentAware, Ordered {

  private static final String WRAPPED_MARK = "io.querydoctor.jdbc.CapturingDataSource";
  private Set<String> excluded = Set.of();

  @Override
  public void setEnvironment(Environment environment) {
    excluded = Set.copyOf(Binder.get(environment)
        .bind("querydoctor.datasource.exclude", Bindable.listOf(String.class)).orElse(List.of()));
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !excluded.contains(beanName)
        && !bean.getClass().getName().equals(WRAPPED_MARK)) {
      return QueryDoctor.wrap(dataSource);
    }
    return bean;
  }

  @Override
  public int getOrder() {
    // Last, so that the wrapper sees the finished bean (after other decorators and proxies).
    return Ordered.LOWEST_PRECEDENCE;
  }
}
