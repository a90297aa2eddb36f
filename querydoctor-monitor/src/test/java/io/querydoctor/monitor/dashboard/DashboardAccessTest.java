package io.querydoctor.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DashboardAccessTest {

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loopbackNeedsNothingOtherAddressesNeedATokenOrAnExplicitChoice() throws Exception {
    assertThat(DashboardAccess.forAddress(InetAddress.getByName("127.0.0.1"), null, false).authorized(null)).isTrue();
    assertThat(DashboardAccess.forAddress(InetAddress.getByName("::1"), null, false).authorized(null)).isTrue();
    assertThatThrownBy(() -> DashboardAccess.forAddress(InetAddress.getByName("0.0.0.0"), null, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--auth-token-env")
        .hasMessageContaining("--insecure-no-auth");
    assertThat(DashboardAccess.forAddress(InetAddress.getByName("0.0.0.0"), null, true).authorized(null)).isTrue();
  }

  @Test
  void theTokenIsAcceptedAsBearerOrAsTheBasicPasswordAndNothingElse() throws Exception {
    DashboardAccess access = DashboardAccess.forAddress(InetAddress.getByName("10.0.0.1"), "s3cret:x", false);
    assertThat(access.authorized("Bearer s3cret:x")).isTrue();
    assertThat(access.authorized(basic("anyone:s3cret:x"))).isTrue();
    assertThat(access.authorized(null)).isFalse();
    assertThat(access.authorized("Bearer s3cret")).isFalse();
    assertThat(access.authorized("Bearer s3cret:xx")).isFalse();
    assertThat(access.authorized(basic("s3cret:x"))).as("token as user name").isFalse();
    assertThat(access.authorized("Basic %%%")).isFalse();
    assertThat(access.authorized("s3cret:x")).isFalse();
  }

  @Test
  void csrfTokensAreRandomPerProcessAndChecked() throws Exception {
    DashboardAccess one = DashboardAccess.forAddress(InetAddress.getLoopbackAddress(), null, false);
    DashboardAccess two = DashboardAccess.forAddress(InetAddress.getLoopbackAddress(), null, false);
    assertThat(one.csrfToken()).hasSizeGreaterThan(20).isNotEqualTo(two.csrfToken());
    assertThat(one.csrfValid(one.csrfToken())).isTrue();
    assertThat(one.csrfValid(two.csrfToken())).isFalse();
    assertThat(one.csrfValid(null)).isFalse();
    assertThat(one.csrfValid("")).isFalse();
  }
}
