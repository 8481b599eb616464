package dev.kfp4j.runtime.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http(s):// inputs from a real HTTP server on 127.0.0.1: reads, retries, timeouts, and refusals. */
class HttpObjectStoreTest {

  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private ExecutorService threads;
  private HttpServer server;
  private String base;
  private Storage storage;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/data/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    storage = Storage.create(List.of(URI.create(base + "/data/")),
        StorageSettings.of(Map.of(HttpObjectStore.TIMEOUT_MS, "500", HttpObjectStore.MAX_ATTEMPTS, "3"), Map.of()));
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    storage.close();
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/data/".length());
    int count = requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    switch (name) {
      case "numbers.json" -> send(exchange, 200, "[1,2,3]");
      case "flaky.json" -> send(exchange, count < 3 ? 503 : 200, count < 3 ? "busy" : "\"finally\"");
      case "broken.json" -> send(exchange, 500, "oops");
      case "forbidden.json" -> send(exchange, 403, "no");
      case "stalls.json" -> {
        exchange.sendResponseHeaders(200, 10);
        OutputStream out = exchange.getResponseBody();
        out.write("[1".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await();
      }
      case "silent.json" -> await();
      case "truncated.json" -> {
        exchange.sendResponseHeaders(200, 10);
        exchange.getResponseBody().write("[1,2".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        exchange.close(); // fewer bytes than announced: the server drops the connection
      }
      default -> send(exchange, 404, "not found");
    }
  }

  @Test
  void readsAndDecodesAValue() throws Exception {
    try (InputStream in = storage.read(URI.create(base + "/data/numbers.json"))) {
      assertEquals(List.of(1, 2, 3), ValueCodec.get().decode(in, new ValueType<List<Integer>>() {}));
    }
    assertTrue(storage.exists(URI.create(base + "/data/numbers.json")));
  }

  @Test
  void missingObject() throws IOException {
    URI address = URI.create(base + "/data/missing.json");
    // A generous timeout: on a loaded machine the 500 ms one may expire, and a timeout is retried.
    ObjectNotFoundException e;
    try (Storage patient = Storage.create(List.of(URI.create(base + "/data/")),
        StorageSettings.of(Map.of(HttpObjectStore.TIMEOUT_MS, "30000", HttpObjectStore.MAX_ATTEMPTS, "3"), Map.of()))) {
      e = assertThrows(ObjectNotFoundException.class, () -> patient.read(address));
    }
    assertEquals(address + ": no such object", e.getMessage());
    assertEquals(1, requests.get("missing.json").get(), "404 is not retried");
  }

  @Test
  void existsIsFalseForAMissingObject() throws Exception {
    assertFalse(storage.exists(URI.create(base + "/data/missing.json")));
  }

  @Test
  void transientFailuresAreRetried() throws Exception {
    try (InputStream in = storage.read(URI.create(base + "/data/flaky.json"))) {
      assertEquals("\"finally\"", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(3, requests.get("flaky.json").get());
  }

  @Test
  void persistentServerErrorGivesUpAfterMaxAttempts() {
    StorageException e = assertThrows(StorageException.class, () -> storage.read(URI.create(base + "/data/broken.json")));
    assertEquals(base + "/data/broken.json: GET failed after 3 attempts: HTTP 500", e.getMessage());
    assertEquals(3, requests.get("broken.json").get());
  }

  @Test
  void forbiddenFailsAtOnce() {
    StorageException e = assertThrows(StorageException.class, () -> storage.read(URI.create(base + "/data/forbidden.json")));
    assertEquals(base + "/data/forbidden.json: GET answered HTTP 403", e.getMessage());
    assertEquals(1, requests.get("forbidden.json").get());
  }

  @Test
  void writesAndDeletesAreRefused() {
    URI address = URI.create(base + "/data/out.json");
    StorageException write = assertThrows(StorageException.class, () -> storage.write(address, out -> out.write('1')));
    assertEquals(address + ": read-only: http(s) addresses can be read but not written or deleted; "
        + "store outputs under a file:// or s3:// root", write.getMessage());
    StorageException delete = assertThrows(StorageException.class, () -> storage.delete(address));
    assertEquals(write.getMessage(), delete.getMessage());
    assertEquals(null, requests.get("out.json"), "nothing was sent");
  }

  @Test
  void bodyThatStallsTimesOut() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (InputStream in = storage.read(URI.create(base + "/data/stalls.json"))) {
        StorageException e = assertThrows(StorageException.class, in::readAllBytes);
        assertEquals(base + "/data/stalls.json: no data for 500 ms after 2 bytes", e.getMessage());
      }
    });
  }

  @Test
  void answerThatNeverComesIsRetriedThenTimesOut() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      StorageException e = assertThrows(StorageException.class, () -> storage.read(URI.create(base + "/data/silent.json")));
      assertEquals(base + "/data/silent.json: GET failed after 3 attempts: no answer within 500 ms", e.getMessage());
    });
    assertEquals(3, requests.get("silent.json").get());
  }

  @Test
  void truncatedBodyIsAnError() throws Exception {
    try (InputStream in = storage.read(URI.create(base + "/data/truncated.json"))) {
      StorageException e = assertThrows(StorageException.class, in::readAllBytes);
      assertEquals(base + "/data/truncated.json: truncated: the server sent 4 of 10 bytes", e.getMessage());
    }
  }

  @Test
  void unreachableServerIsRetriedThenNamed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI address = URI.create("http://127.0.0.1:" + port + "/data/x.json");
    try (Storage nowhere = Storage.create(List.of(URI.create("http://127.0.0.1:" + port + "/")),
        StorageSettings.of(Map.of(HttpObjectStore.MAX_ATTEMPTS, "2"), Map.of()))) {
      StorageException e = assertThrows(StorageException.class, () -> nowhere.read(address));
      assertTrue(e.getMessage().startsWith(address + ": GET failed after 2 attempts: ConnectException"), e.getMessage());
    }
  }

  @Test
  void addressesOutsideTheRootsAreRefused() {
    for (String outside : List.of(base + "/other/x.json", "http://127.0.0.1:1/data/x.json", "https://127.0.0.1:"
        + server.getAddress().getPort() + "/data/x.json", base + "/data/../other/x.json")) {
      assertThrows(AddressRefusedException.class, () -> storage.read(URI.create(outside)), outside);
    }
    assertEquals(Map.of(), Map.copyOf(requests), "no request was sent");
  }

  @Test
  void badSettingIsNamed() {
    IOException e = assertThrows(IOException.class, () -> new HttpObjectStore.Provider()
        .create(StorageSettings.of(Map.of(HttpObjectStore.TIMEOUT_MS, "soon"), Map.of())));
    assertEquals("http storage setting kfp4j.http.timeout-ms (env KFP4J_HTTP_TIMEOUT_MS) must be a whole number "
        + "from 1 to 3600000, not 'soon'", e.getMessage());
  }

  private void await() {
    try {
      release.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }
}
