package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The HTTP side of {@link KfpClient}: URLs, auth, JSON (snake_case, as the API speaks), retries of
 * transient failures (Failsafe) and one-line errors with the credentials redacted.
 */
final class KfpHttp {

  static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // The API adds fields over time; the records keep only what kfp4j uses.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);
  // Statuses that say the request was not processed, so even a create may be sent again.
  private static final Set<Integer> NOT_PROCESSED = Set.of(429, 503);

  private final URI base;
  private final KfpAuth auth;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetrySettings retry;

  KfpHttp(URI endpoint, KfpAuth auth, HttpClient http, Duration requestTimeout, RetrySettings retry) {
    String text = endpoint.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.auth = auth;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
  }

  URI endpoint() {
    return base;
  }

  /** Sends a request and reads the 2xx body as {@code type}; anything else becomes a {@link KfpException}. */
  <T> T send(String method, String path, Map<String, String> query, HttpRequest.BodyPublisher body,
      String contentType, Class<T> type) {
    HttpResponse<byte[]> response = sendRaw(method, path, query, body, contentType);
    if (response.statusCode() / 100 != 2) {
      throw error(method, path, response);
    }
    return read(method, path, response.body(), JSON.constructType(type));
  }

  /** Sends a request; returns the final response whatever its status. */
  HttpResponse<byte[]> sendRaw(String method, String path, Map<String, String> query,
      HttpRequest.BodyPublisher body, String contentType) {
    HttpRequest.Builder requestBuilder = HttpRequest.newBuilder(uri(path, query)).timeout(requestTimeout)
        .header("Accept", "application/json").method(method, body);
    if (contentType != null) {
      requestBuilder.header("Content-Type", contentType);
    }
    auth.apply(requestBuilder);
    HttpRequest request = requestBuilder.build();
    RetryPolicy<HttpResponse<byte[]>> policy = policy(!method.equals("POST"));
    try {
      return Failsafe.with(policy).get(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new KfpException("interrupted during " + method + " " + path, 0, cause);
      }
      throw new KfpException("could not reach the KFP API at " + base + " (" + method + " " + path + "): "
          + describe(cause), 0, cause);
    }
  }

  /**
   * Retries connect failures always; other I/O failures and 502/504 only for idempotent calls (a
   * create that timed out may have happened); 429 and 503 always (the server did not process it).
   */
  private RetryPolicy<HttpResponse<byte[]>> policy(boolean idempotent) {
    RetryPolicyBuilder<HttpResponse<byte[]>> builder = RetryPolicy.<HttpResponse<byte[]>>builder()
        .handleIf((result, failure) -> failure == null
            ? (idempotent ? TRANSIENT : NOT_PROCESSED).contains(result.statusCode())
            : failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
                || (idempotent && failure instanceof IOException))
        .withMaxRetries(retry.maxRetries())
        .withDelayFn(context -> retryAfter(context.getLastResult()));
    if (retry.initialDelay().compareTo(retry.maxDelay()) < 0) {
      builder.withBackoff(retry.initialDelay(), retry.maxDelay());
    } else {
      builder.withDelay(retry.initialDelay());
    }
    return builder.build();
  }

  /** A Retry-After delay in seconds, capped at the maximum; -1 (use the backoff) when absent. */
  private Duration retryAfter(HttpResponse<byte[]> last) {
    if (last == null) {
      return Duration.ofMillis(-1);
    }
    Optional<String> header = last.headers().firstValue("Retry-After");
    if (header.isPresent() && header.get().strip().matches("\\d{1,6}")) {
      Duration asked = Duration.ofSeconds(Long.parseLong(header.get().strip()));
      return asked.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : asked;
    }
    return Duration.ofMillis(-1);
  }

  <T> T read(String method, String path, byte[] body, JavaType type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new KfpException("the KFP API answered " + method + " " + path + " with a body that is not a "
          + type.getRawClass().getSimpleName() + ": " + auth.redact(firstLine(e.getMessage())), 200, e);
    }
  }

  KfpException error(String method, String path, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String message = serverMessage(response.body());
    String call = method + " " + path;
    String text = switch (status) {
      case 401 -> "the KFP API refused the credentials (HTTP 401) for " + call + ": " + message + "; set "
          + KfpAuth.TOKEN_ENV + " or " + KfpAuth.COOKIE_ENV;
      case 403 -> "forbidden (HTTP 403): " + call + ": " + message;
      case 404 -> "not found (HTTP 404): " + call + ": " + message;
      default -> "the KFP API answered HTTP " + status + " to " + call + ": " + message;
    };
    return new KfpException(auth.redact(text), status);
  }

  private String serverMessage(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      RpcStatus status = JSON.readValue(body, RpcStatus.class);
      if (status != null && status.message() != null && !status.message().isBlank()) {
        return auth.redact(firstLine(status.message()));
      }
    } catch (IOException e) {
      // Not a googleRpcStatus (a proxy's HTML page, say): show its first line instead.
      return auth.redact(text.isEmpty() ? "(empty body)" : truncate(firstLine(text)));
    }
    return auth.redact(text.isEmpty() ? "(empty body)" : truncate(firstLine(text)));
  }

  URI uri(String path, Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&");
    query.forEach((name, value) -> {
      if (value != null) {
        joined.add(encode(name) + "=" + encode(value));
      }
    });
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return base.resolve(relative + (joined.length() == 0 ? "" : "?" + joined));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String describe(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    return auth.redact(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
        + firstLine(cause.getMessage())));
  }

  private static String truncate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
