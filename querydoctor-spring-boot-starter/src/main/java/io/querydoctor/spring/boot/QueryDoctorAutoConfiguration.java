package io.querydoctor.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.micrometer.QueryDoctorMetrics;
import java.lang.annotation.Annotation;
import java.util.List;
import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.NameMatchMethodPointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the starter wires, all of it off with {@code querydoctor.enabled=false}: DataSource capture, a scope per
 * Spring MVC request, per {@code @Scheduled} run and per message given to a listener method, each new finding logged once, {@code /actuator/querydoctor},
 * and the Micrometer meters. Everything reports to the JVM-wide {@link QueryDoctor#session()}, which is also the
 * one {@code @QueryBudget} and {@code @NoNPlusOne} read.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "querydoctor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueryDoctorProperties.class)
public class QueryDoctorAutoConfiguration {

  /** The JVM-wide session, as a bean; the DataSource wrapper and the scheduled scopes use it directly. */
  @Bean
  CaptureSession queryDoctorSession() {
    return QueryDoctor.session();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "querydoctor.datasource.wrap", matchIfMissing = true)
  static DataSourceCapture queryDoctorDataSourceCapture() {
    return new DataSourceCapture();
  }

  @Bean(destroyMethod = "stop")
  NewFindings queryDoctorNewFindings(CaptureSession session, QueryDoctorProperties properties) {
    NewFindings newFindings = new NewFindings(session, properties.getLog().getMaxLogged());
    if (properties.getLog().isEnabled()) {
      newFindings.subscribe(FindingLog::log);
    }
    session.addListener(newFindings);
    return newFindings;
  }

  @Bean
  ScopeTally queryDoctorScopeTally(CaptureSession session, QueryDoctorProperties properties) {
    ScopeTally tally = new ScopeTally(properties.getEndpoint().getMaxScopeNames());
    session.addListener(tally);
    return tally;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(WebMvcConfigurer.class)
  @ConditionalOnBooleanProperty(name = "querydoctor.web.enabled", matchIfMissing = true)
  static class WebMvc {
    @Bean
    WebMvcConfigurer queryDoctorRequestScopes(CaptureSession session) {
      RequestScopes scopes = new RequestScopes(session);
      return new WebMvcConfigurer() {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
          registry.addInterceptor(scopes);
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Scheduled.class)
  @ConditionalOnBooleanProperty(name = "querydoctor.scheduling.enabled", matchIfMissing = true)
  static class Scheduling {
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor queryDoctorScheduledScopes() {
      // Static: advisors are created with the bean post-processors, before ordinary beans.
      return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Scheduled.class),
          new EntryPointScopes(QueryDoctor.session(), "scheduled"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "querydoctor.messaging.enabled", matchIfMissing = true)
  static class Messaging {
    /** The listener annotations of Spring JMS, Kafka, AMQP and Spring Cloud AWS SQS, those on the class path. */
    static final List<String> LISTENERS = List.of("org.springframework.jms.annotation.JmsListener",
        "org.springframework.kafka.annotation.KafkaListener",
        "org.springframework.amqp.rabbit.annotation.RabbitListener",
        "io.awspring.cloud.sqs.annotation.SqsListener");

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor queryDoctorMessageScopes() {
      EntryPointScopes scopes = new EntryPointScopes(QueryDoctor.session(), "message");
      ComposablePointcut pointcut = null;
      ClassLoader loader = QueryDoctorAutoConfiguration.class.getClassLoader();
      for (String name : LISTENERS) {
        if (ClassUtils.isPresent(name, loader)) {
          @SuppressWarnings("unchecked")
          Class<? extends Annotation> type = (Class<? extends Annotation>) ClassUtils.resolveClassName(name, loader);
          Pointcut one = AnnotationMatchingPointcut.forMethodAnnotation(type);
          pointcut = pointcut == null ? new ComposablePointcut(one) : pointcut.union(one);
        }
      }
      // With no listener annotation on the class path, a pointcut of no method names matches nothing.
      return new DefaultPointcutAdvisor(pointcut == null ? new NameMatchMethodPointcut() : pointcut, scopes);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  static class Actuator {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    QueryDoctorEndpoint queryDoctorEndpoint(CaptureSession session, ScopeTally scopes,
        QueryDoctorProperties properties) {
      return new QueryDoctorEndpoint(session, scopes, properties.getEndpoint().getTopShapes());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "querydoctor.metrics.enabled", matchIfMissing = true)
  static class Metrics {
    /** A MeterBinder bean: Spring Boot binds it to the application's registries. */
    @Bean
    QueryDoctorMetrics queryDoctorMetrics(CaptureSession session, QueryDoctorProperties properties,
        NewFindings newFindings) {
      QueryDoctorProperties.Metrics config = properties.getMetrics();
      QueryDoctorMetrics metrics = QueryDoctorMetrics.of(session).topFingerprints(config.getTopFingerprints())
          .maxScopeNames(config.getMaxScopeNames()).refreshEvery(config.getRefreshEvery());
      // A new finding shows in the findings gauge at once, not at the next periodic refresh.
      newFindings.subscribe((scope, finding) -> metrics.refresh());
      return metrics;
    }
  }
}
