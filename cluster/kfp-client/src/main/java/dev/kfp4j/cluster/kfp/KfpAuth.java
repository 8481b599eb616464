package dev.kfp4j.cluster.kfp;

import dev.kfp4j.runtime.secret.Redaction;
import dev.kfp4j.wire.EnvironmentVariables;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/**
 * How requests prove who sends them: a bearer token ({@code Authorization: Bearer …}), a cookie
 * (e.g. an OIDC session behind Kubeflow's gateway), or nothing. The secret is never printed:
 * {@link #toString()} and {@link #redact} hide it.
 */
public final class KfpAuth {

  /** Environment variable with a bearer token. */
  public static final String TOKEN_ENV = EnvironmentVariables.KFP_TOKEN;
  /** Environment variable with a Cookie header value ({@code name=value; name2=value2}). */
  public static final String COOKIE_ENV = EnvironmentVariables.KFP_COOKIE;

  private final String header;
  private final String secret;
  private final String kind;

  private KfpAuth(String kind, String header, String secret) {
    this.kind = kind;
    this.header = header;
    this.secret = secret;
  }

  /** No credentials (a KFP reached through {@code kubectl port-forward}, or standalone without auth). */
  public static KfpAuth none() {
    return new KfpAuth("none", null, null);
  }

  /** {@code Authorization: Bearer <token>}. */
  public static KfpAuth bearer(String token) {
    return new KfpAuth("bearer", "Authorization", check(token, "token"));
  }

  /** {@code Cookie: <cookie>}. */
  public static KfpAuth cookie(String cookie) {
    return new KfpAuth("cookie", "Cookie", check(cookie, "cookie"));
  }

  /** A token from {@value #TOKEN_ENV}, else a cookie from {@value #COOKIE_ENV}, else none. */
  public static KfpAuth fromEnvironment(Map<String, String> environment) {
    Optional<String> token = Optional.ofNullable(environment.get(TOKEN_ENV)).filter(v -> !v.isBlank());
    if (token.isPresent()) {
      return bearer(token.get().strip());
    }
    return Optional.ofNullable(environment.get(COOKIE_ENV)).filter(v -> !v.isBlank())
        .map(c -> cookie(c.strip())).orElseGet(KfpAuth::none);
  }

  void apply(HttpRequest.Builder request) {
    if (header != null) {
      request.header(header, header.equals("Authorization") ? "Bearer " + secret : secret);
    }
  }

  /**
   * {@code text} with every occurrence of the secret (and of each cookie value) replaced, and with
   * whatever else {@link Redaction} recognises as a credential.
   */
  public String redact(String text) {
    java.util.List<String> secrets = new java.util.ArrayList<>();
    if (secret != null) {
      secrets.add(secret);
      if (kind.equals("cookie")) {
        for (String pair : secret.split(";")) {
          int eq = pair.indexOf('=');
          secrets.add(eq < 0 ? pair.strip() : pair.substring(eq + 1).strip());
        }
      }
    }
    return Redaction.redact(text, secrets);
  }

  /** Which kind of credentials, without them. */
  @Override
  public String toString() {
    return "KfpAuth[" + kind + (secret == null ? "" : " <redacted>") + "]";
  }

  private static String check(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the KFP " + what + " is empty");
    }
    if (value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("the KFP " + what + " contains a line break");
    }
    return value;
  }
}
