package dev.kfp4j.runtime.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Read-only {@code http://} and {@code https://} storage, for inputs published on a web server (a
 * data set, a model file). Writes and deletes are refused.
 *
 * <p>Each request has a connect timeout and an idle timeout (the longest silence while waiting for
 * the response or reading its body); connection failures, timeouts, 408, 429 and 5xx answers are
 * retried with exponential backoff and jitter before the body starts to stream. 404 and 410 mean
 * {@link ObjectNotFoundException}. A body shorter than its {@code Content-Length} is an error, not a
 * short object.
 *
 * <p>Built on the JDK's {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: its
 * read timeout also bounds a body that stalls half-way, where HttpClient's timeout ends with the
 * response headers and a stalled stream would hang the step.
 */
public final class HttpObjectStore implements ObjectStore {

  /** Setting: connect and idle timeout in milliseconds (default 30000). */
  public static final String TIMEOUT_MS = "kfp4j.http.timeout-ms";
  /** Setting: attempts per request, the first included (1 to 10, default 3). */
  public static final String MAX_ATTEMPTS = "kfp4j.http.max-attempts";

  private final Duration timeout;
  private final int maxAttempts;
  private final Duration firstBackoff;

  /**
   * A store with the given timeout (connect, and silence while reading), attempts per request and
   * delay before the second attempt (doubled for each further one).
   */
  public HttpObjectStore(Duration timeout, int maxAttempts, Duration firstBackoff) {
    if (timeout.isNegative() || timeout.isZero() || maxAttempts < 1 || firstBackoff.isNegative()) {
      throw new IllegalArgumentException("timeout and attempts must be positive, backoff not negative");
    }
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public InputStream read(URI address) throws IOException {
    HttpURLConnection connection = send(address, "GET");
    return new Body(address, connection, timeout);
  }

  @Override
  public boolean exists(URI address) throws IOException {
    try {
      send(address, "HEAD").disconnect();
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  @Override
  public void write(URI address, ObjectWriter writer) throws IOException {
    throw readOnly(address);
  }

  @Override
  public void delete(URI address) throws IOException {
    throw readOnly(address);
  }

  @Override
  public java.util.Optional<String> whyNotWritable(URI address) {
    return java.util.Optional.of(READ_ONLY);
  }

  private static final String READ_ONLY = "read-only: http(s) addresses can be read but not written or deleted; "
      + "store outputs under a file:// or s3:// root";

  private static StorageException readOnly(URI address) {
    return new StorageException(address, READ_ONLY);
  }

  /** Sends the request until it gets a 2xx answer, a permanent failure, or runs out of attempts. */
  private HttpURLConnection send(URI address, String method) throws IOException {
    String lastFailure = "";
    IOException lastCause = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        pause(address, attempt);
      }
      HttpURLConnection connection = open(address, method);
      try {
        connection = followRedirects(address, connection, method);
        int status = connection.getResponseCode();
        if (status >= 200 && status < 300) {
          return connection;
        }
        discard(connection);
        if (status == 404 || status == 410) {
          throw new ObjectNotFoundException(address);
        }
        if (!transientStatus(status)) {
          String location = status >= 300 && status < 400 ? " (a redirect to another scheme is not followed)" : "";
          throw new StorageException(address, method + " answered HTTP " + status + location);
        }
        lastFailure = "HTTP " + status;
        lastCause = null;
      } catch (StorageException e) {
        throw e;
      } catch (IOException e) {
        connection.disconnect();
        lastFailure = describe(e);
        lastCause = e;
      }
    }
    String attempts = maxAttempts == 1 ? "" : " after " + maxAttempts + " attempts";
    throw new StorageException(address, method + " failed" + attempts + ": " + lastFailure, lastCause);
  }

  /**
   * Follows up to five same-scheme redirects by hand (as the JDK would), so that each hop's host is
   * checked like the first one's: a redirect must not lead to a metadata service either.
   */
  private HttpURLConnection followRedirects(URI address, HttpURLConnection first, String method) throws IOException {
    HttpURLConnection connection = first;
    URI current = address;
    for (int hop = 0; hop < 5; hop++) {
      int status = connection.getResponseCode();
      String location = connection.getHeaderField("Location");
      if (status < 300 || status > 399 || status == 304 || location == null) {
        return connection;
      }
      URI next;
      try {
        next = current.resolve(location);
      } catch (IllegalArgumentException e) {
        return connection;
      }
      if (next.getScheme() == null || !next.getScheme().equalsIgnoreCase(current.getScheme())) {
        return connection; // reported by the caller as a redirect that is not followed
      }
      discard(connection);
      current = next;
      connection = open(current, method);
    }
    return connection;
  }

  /**
   * Refuses hosts no storage request should reach: link-local addresses (169.254.0.0/16, fe80::/10),
   * where cloud metadata services hand out credentials, and the metadata services' own names.
   */
  static void checkHost(URI address) throws StorageException {
    String host = address.getHost();
    if (host == null || host.isEmpty()) {
      throw new StorageException(address, "has no host");
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (METADATA_HOSTS.contains(name)) {
      throw metadata(address);
    }
    java.net.InetAddress[] resolved;
    try {
      resolved = java.net.InetAddress.getAllByName(name);
    } catch (java.net.UnknownHostException e) {
      return; // the request itself will say that the host is unknown
    }
    for (java.net.InetAddress ip : resolved) {
      if (ip.isLinkLocalAddress() || METADATA_HOSTS.contains(ip.getHostAddress())) {
        throw metadata(address);
      }
    }
  }

  private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata",
      "instance-data", "instance-data.ec2.internal", "169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "fd00:ec2::254",
      "100.100.100.200");

  private static StorageException metadata(URI address) {
    return new StorageException(address, "refused: its host is a link-local or cloud metadata address, where "
        + "credentials are handed out; kfp4j sends no request there");
  }

  private HttpURLConnection open(URI address, String method) throws IOException {
    checkHost(address);
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection) address.toURL().openConnection();
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new StorageException(address, "not an http(s) URL");
    }
    connection.setRequestMethod(method);
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    return connection;
  }

  private static boolean transientStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private void pause(URI address, int attempt) throws StorageException {
    long base = firstBackoff.toMillis() << Math.min(attempt - 2, 10);
    // Full jitter between half and the whole delay, so parallel steps do not retry in lockstep.
    long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(address, "interrupted while waiting to retry");
    }
  }

  private static void discard(HttpURLConnection connection) {
    // Reading the (small) error body lets the connection be reused; failing to is harmless.
    try (InputStream error = connection.getErrorStream()) {
      if (error != null) {
        error.readNBytes(64 * 1024);
      }
    } catch (IOException e) {
      connection.disconnect();
    }
  }

  private String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + message;
  }

  /** The response body: read failures name the address, and a body cut short is an error. */
  private static final class Body extends FilterInputStream {
    private final URI address;
    private final HttpURLConnection connection;
    private final long expected;
    private final Duration timeout;
    private final byte[] one = new byte[1];
    private long received;

    Body(URI address, HttpURLConnection connection, Duration timeout) throws IOException {
      super(connection.getInputStream());
      this.address = address;
      this.connection = connection;
      this.expected = connection.getContentLengthLong();
      this.timeout = timeout;
    }

    @Override
    public int read() throws IOException {
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(bytes, offset, length);
      } catch (SocketTimeoutException e) {
        connection.disconnect();
        throw new StorageException(address, "no data for " + timeout.toMillis() + " ms after " + received + " bytes", e);
      } catch (IOException e) {
        connection.disconnect();
        throw new StorageException(address, "reading failed after " + received + " bytes: " + e.getMessage(), e);
      }
      if (n > 0) {
        received += n;
      } else if (n < 0 && expected >= 0 && received < expected) {
        throw new StorageException(address, "truncated: the server sent " + received + " of " + expected + " bytes");
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Through read(), so the byte count, and with it the truncation check, stays right.
      byte[] scratch = new byte[(int) Math.min(n, 8192)];
      long skipped = 0;
      while (skipped < n) {
        int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }
  }

  /** Registers {@link HttpObjectStore} for {@code http://} and {@code https://}. */
  public static final class Provider implements ObjectStoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("http", "https");
    }

    @Override
    public ObjectStore create(StorageSettings settings) throws IOException {
      return new HttpObjectStore(Duration.ofMillis(number(settings, TIMEOUT_MS, 30_000, 1, 3_600_000)),
          (int) number(settings, MAX_ATTEMPTS, 3, 1, 10), Duration.ofMillis(200));
    }

    private static long number(StorageSettings settings, String key, long fallback, long min, long max) throws IOException {
      String text = settings.get(key).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
      if (text == null) {
        return fallback;
      }
      try {
        long value = Long.parseLong(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below, with the allowed range
      }
      throw new IOException("http storage setting " + key + " (env " + StorageSettings.environmentName(key)
          + ") must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
  }
}
