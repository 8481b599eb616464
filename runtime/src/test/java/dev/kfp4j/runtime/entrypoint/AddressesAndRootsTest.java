package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kfp4j.runtime.entrypoint.ComponentMainTest.Run;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.HttpObjectStore;
import dev.kfp4j.runtime.storage.StorageException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which addresses a step may read and write, and what it may replace: the configured roots decide,
 * never the context; nothing is sent to a metadata service; an unreadable object's content is never
 * echoed; the output context never replaces anything but a regular file.
 */
class AddressesAndRootsTest {

  static final String SECRET = "hunter2-token-value";

  @TempDir Path dir;
  private Path root;
  private String rootUri;
  private final List<String> called = new ArrayList<>();
  private ComponentBody body;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("run"));
    rootUri = root.toUri().toString();
    Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
    body = io -> {
      called.add("called");
      Average.ADD_BODY.call(io);
    };
  }

  private String context(String contextRoot, String numbers) {
    return "{\"runId\":\"r1\",\"root\":\"" + contextRoot + "\",\"values\":{\"numbers\":\"" + numbers + "\"}}";
  }

  private static void assertOneLine(Run run, int exit, String... fragments) {
    assertEquals(exit, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), run.errLines().toString());
    for (String fragment : fragments) {
      assertTrue(run.err().contains(fragment), "missing '" + fragment + "' in: " + run.err());
    }
  }

  @Test
  void withoutConfiguredRootsTheContextsRootDoesNotDecideWhatIsRead() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET + " and more");
    Run run = ComponentMainTest.run(Average.ADD, body, Map.of(), context(dir.toUri().toString(), secret.toUri().toString()));
    assertOneLine(run, ExitCode.USAGE, "no storage roots are configured", "--roots", ComponentMain.ROOTS_ENV);
    assertFalse(run.err().contains(SECRET), run.err());
    assertEquals(List.of(), called, "the method must not run");
  }

  @Test
  void anUnparsableObjectsContentIsNeverEchoed() throws Exception {
    Path secret = Files.writeString(root.resolve("secret.txt"), SECRET + " and more");
    Run run = ComponentMainTest.run(Average.ADD, body, Map.of(ComponentMain.ROOTS_ENV, rootUri),
        context(rootUri, secret.toUri().toString()));
    assertOneLine(run, ExitCode.BAD_INPUT, "input 'numbers'", "malformed JSON");
    assertFalse(run.err().contains(SECRET), run.err());
    assertFalse(run.err().contains("'h'"), run.err());
  }

  @Test
  void noRequestGoesToALinkLocalOrMetadataAddress() {
    HttpObjectStore http = new HttpObjectStore(Duration.ofSeconds(30), 1, Duration.ZERO);
    for (String address : List.of("http://169.254.169.254/latest/meta-data/iam/x", "http://[fe80::1]/x",
        "http://metadata.google.internal/computeMetadata/v1/x", "http://[fd00:ec2::254]/latest/x")) {
      StorageException e = assertThrows(StorageException.class, () -> http.read(URI.create(address)), address);
      assertTrue(e.getMessage().contains("link-local or cloud metadata address"), e.getMessage());
    }
  }

  @Test
  void aRedirectToAMetadataAddressIsNotFollowed() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.start();
    try {
      URI address = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/x.json");
      HttpObjectStore http = new HttpObjectStore(Duration.ofSeconds(30), 1, Duration.ZERO);
      StorageException e = assertThrows(StorageException.class, () -> http.read(address));
      assertTrue(e.getMessage().contains("link-local or cloud metadata address"), e.getMessage());
      assertEquals(1, requests.get());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anHttpRootFailsBeforeTheMethodRuns() throws Exception {
    String httpRoot = "http://127.0.0.1:9/runs/r1/";
    Run run = ComponentMainTest.run(Average.ADD, body, Map.of(ComponentMain.ROOTS_ENV, httpRoot + "," + rootUri),
        context(httpRoot, rootUri + "numbers.json"));
    assertOneLine(run, ExitCode.OUTPUT_FAILED, "outputs cannot be stored", "read-only");
    assertEquals(List.of(), called, "the method must not run when its outputs cannot be stored");
  }

  @Test
  void aTaskCannotBeNamedLikeTheParametersFolder() throws Exception {
    for (String task : List.of("inputs", "inputs/add")) {
      Run run = ComponentMainTest.run(Average.ADD, body, Map.of(ComponentMain.ROOTS_ENV, rootUri),
          context(rootUri, rootUri + "numbers.json"), "--task", task);
      assertOneLine(run, ExitCode.USAGE, "--task", "is reserved");
    }
    assertEquals(List.of(), called);
    assertFalse(Files.exists(root.resolve("inputs")));
  }

  @Test
  void theOutputContextReplacesOnlyARegularFile() throws Exception {
    Path precious = Files.writeString(dir.resolve("precious.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), precious);
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Path directory = Files.createDirectories(dir.resolve("a-directory"));
    Map<Path, String> refused = Map.of(link, "is a symbolic link", fifo, "is not a regular file",
        directory, "is a directory", precious.resolve("context.json"), "is not a directory");
    for (Map.Entry<Path, String> target : refused.entrySet()) {
      Run run = ComponentMainTest.run(Average.ADD, body, Map.of(ComponentMain.ROOTS_ENV, rootUri),
          context(rootUri, rootUri + "numbers.json"), "--output-context", target.getKey().toString());
      assertOneLine(run, ExitCode.USAGE, "--output-context", target.getValue());
    }
    assertEquals(List.of(), called);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep me", Files.readString(precious));
    assertFalse(Files.isRegularFile(fifo));
    assertFalse(Files.exists(root.resolve("add/Output.json")));

    Path regular = Files.writeString(dir.resolve("old.json"), "old");
    Files.setPosixFilePermissions(regular, PosixFilePermissions.fromString("rw-r--r--"));
    Run ok = ComponentMainTest.run(Average.ADD, body, Map.of(ComponentMain.ROOTS_ENV, rootUri),
        context(rootUri, rootUri + "numbers.json"), "--output-context", regular.toString());
    assertEquals(0, ok.exit(), ok.err());
    assertTrue(Files.readString(regular).contains("add.Output"));
  }

  @Test
  void aRedactedAddressKeepsItsSlashes() {
    assertEquals("file:///tmp/x.json?<redacted>", Addresses.redact(URI.create("file:///tmp/x.json?sig=abc")));
    assertEquals("s3://<redacted>@bucket/k?<redacted>", Addresses.redact(URI.create("s3://AKIA:pw@bucket/k?X-Amz-Signature=1")));
    assertEquals("file:///tmp/x.json", Addresses.redact(URI.create("file:///tmp/x.json")));
  }
}
