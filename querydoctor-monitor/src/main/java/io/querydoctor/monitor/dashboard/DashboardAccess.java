package io.querydoctor.monitor.dashboard;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may use the dashboard: on a loopback address anyone on the machine; elsewhere only with the token (as
 * {@code Authorization: Bearer <token>}, or as the password of basic auth, any user name), unless the operator
 * explicitly chose {@code --insecure-no-auth}. State-changing requests also need this process's CSRF token
 * (random per start), which only pages served to an authorised client contain.
 */
public final class DashboardAccess {

  private final String token;
  private final String csrf;

  private DashboardAccess(String token) {
    this.token = token;
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * @param token the token clients must send, or null for none
   * @throws IllegalArgumentException when a non-loopback address has neither a token nor {@code insecure}
   */
  public static DashboardAccess forAddress(InetAddress address, String token, boolean insecure) {
    if (!address.isLoopbackAddress() && token == null && !insecure) {
      throw new IllegalArgumentException("--listen " + address.getHostAddress() + " is reachable from other "
          + "machines: give --auth-token-env VAR (clients send 'Authorization: Bearer <token>' or basic auth "
          + "with the token as password) or --insecure-no-auth");
    }
    return new DashboardAccess(token);
  }

  public String csrfToken() {
    return csrf;
  }

  /** Whether a request with this {@code Authorization} header may see the dashboard. */
  public boolean authorized(String header) {
    if (token == null) {
      return true;
    }
    if (header == null) {
      return false;
    }
    if (header.startsWith("Bearer ")) {
      return same(header.substring(7).trim(), token);
    }
    if (header.startsWith("Basic ")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon >= 0 && same(decoded.substring(colon + 1), token);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  /** Whether a POST carries this process's CSRF token. */
  public boolean csrfValid(String given) {
    return given != null && same(given, csrf);
  }

  /** Constant-time, so a token cannot be guessed byte by byte from response times. */
  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
