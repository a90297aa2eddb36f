package io.querydoctor.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.micrometer.QueryDoctorMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the auto-configuration creates, with and without the switches, on an H2 DataSource. */
class QueryDoctorAutoConfigurationTest {

  private static final String CAPTURING = "io.querydoctor.jdbc.CapturingDataSource";

  @Configuration(proxyBeanMethods = false)
  static class TwoDataSources {
    @Bean
    DataSource main() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:main");
      return h2;
    }

    @Bean
    DataSource reporting() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:reporting");
      return h2;
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(QueryDoctorAutoConfiguration.class))
      .withUserConfiguration(TwoDataSources.class);

  @Test
  void wrapsEveryDataSourceBeanByDefault() {
    runner.run(context -> {
      assertThat(context.getBean("main").getClass().getName()).isEqualTo(CAPTURING);
      assertThat(context.getBean("reporting").getClass().getName()).isEqualTo(CAPTURING);
      assertThat(context).hasSingleBean(QueryDoctorMetrics.class).hasSingleBean(NewFindings.class);
    });
  }

  @Test
  void leavesAnExcludedDataSourceAlone() {
    runner.withPropertyValues("querydoctor.datasource.exclude=reporting").run(context -> {
      assertThat(context.getBean("main").getClass().getName()).isEqualTo(CAPTURING);
      assertThat(context.getBean("reporting")).isInstanceOf(JdbcDataSource.class);
    });
  }

  @Test
  void oneSwitchTurnsEverythingOff() {
    runner.withPropertyValues("querydoctor.enabled=false").run(context -> {
      assertThat(context.getBean("main")).isInstanceOf(JdbcDataSource.class);
      assertThat(context).doesNotHaveBean(NewFindings.class).doesNotHaveBean(QueryDoctorMetrics.class)
          .doesNotHaveBean(DataSourceCapture.class).doesNotHaveBean(ScopeTally.class);
    });
  }

  @Test
  void eachPartHasItsOwnSwitch() {
    runner.withPropertyValues("querydoctor.datasource.wrap=false", "querydoctor.metrics.enabled=false")
        .run(context -> {
          assertThat(context.getBean("main")).isInstanceOf(JdbcDataSource.class);
          assertThat(context).doesNotHaveBean(QueryDoctorMetrics.class).hasSingleBean(NewFindings.class);
        });
  }

  @Test
  void propertiesHaveMetadataForIdeCompletion() throws Exception {
    String metadata = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
    assertThat(metadata).contains("\"querydoctor.enabled\"", "\"querydoctor.datasource.exclude\"",
        "\"querydoctor.metrics.top-fingerprints\"", "\"querydoctor.web.enabled\"",
        "\"querydoctor.scheduling.enabled\"", "\"querydoctor.messaging.enabled\"", "Names of DataSource beans to leave as they are");
  }
}
