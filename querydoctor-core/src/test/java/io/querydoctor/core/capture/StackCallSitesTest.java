package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Generated frames are skipped, lambdas named by their enclosing method, frameworks recognised. */
class StackCallSitesTest {

  @Test
  void generatedClassesAreNotCallSites() {
    assertThat(CallSiteFinder.isGenerated("com.example.Owner$HibernateProxy$x1y2")).isTrue();
    assertThat(CallSiteFinder.isGenerated("com.example.Service$$SpringCGLIB$$0")).isTrue();
    assertThat(CallSiteFinder.isGenerated("com.example.Owner$ByteBuddy$abc")).isTrue();
    assertThat(CallSiteFinder.isGenerated("com.example.Owner_$$_jvst1a2_0")).isTrue();
    assertThat(CallSiteFinder.isGenerated("com.example.Owner$Inner")).isFalse();
  }

  @Test
  void lambdaBodiesAreNamedByTheirEnclosingMethod() {
    assertThat(CallSiteFinder.enclosingMethod("lambda$usersWithPosts$3")).isEqualTo("usersWithPosts");
    assertThat(CallSiteFinder.enclosingMethod("lambda$static$0")).isEqualTo("static");
    assertThat(CallSiteFinder.enclosingMethod("list")).isEqualTo("list");
  }

  @Test
  void theOutermostDataAccessFrameworkNamesTheStack() {
    String seen = CallSiteFinder.framework("org.hibernate.loader.ast.internal.SingleIdLoader", null);
    assertThat(seen).isEqualTo(CallSite.HIBERNATE);
    assertThat(CallSiteFinder.framework("org.springframework.data.jpa.repository.support.SimpleJpaRepository",
        seen)).isEqualTo(CallSite.SPRING_DATA_JPA);
    assertThat(CallSiteFinder.framework("org.apache.ibatis.binding.MapperProxy", null)).isEqualTo(CallSite.MYBATIS);
    assertThat(CallSiteFinder.framework("com.zaxxer.hikari.pool.ProxyStatement", null)).isNull();
  }

  @Test
  void aLambdaCallSiteIsItsEnclosingMethodOnItsLine() {
    Runnable[] found = new Runnable[1];
    CallSite[] site = new CallSite[1];
    found[0] = () -> site[0] = new CallSiteFinder(java.util.List.of("java.", "jdk.", "sun.",
        "org.junit.", "org.apache.maven.", CallSiteFinder.class.getName())).find().orElseThrow();
    found[0].run();
    assertThat(site[0].className()).isEqualTo(StackCallSitesTest.class.getName());
    assertThat(site[0].methodName()).isEqualTo("aLambdaCallSiteIsItsEnclosingMethodOnItsLine");
    assertThat(site[0].line()).isPositive();
  }
}
