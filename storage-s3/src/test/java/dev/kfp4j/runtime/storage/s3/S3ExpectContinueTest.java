package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Parts go without {@code Expect: 100-continue} (it cost ~40 ms per part, see the storage
 * benchmark), single PUTs keep it. Seen from an endpoint that records each request and answers just
 * enough S3 for one PUT and one multipart upload.
 */
class S3ExpectContinueTest {

  private static final int MIB = 1024 * 1024;

  record Request(String method, String query, boolean expectContinue) {}

  @Test
  void onlySinglePutsAskToContinue() throws Exception {
    List<Request> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      requests.add(new Request(exchange.getRequestMethod(), query.replaceAll("=[^&]*", ""),
          "100-continue".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Expect"))));
      exchange.getRequestBody().readAllBytes();
      answer(exchange, query);
    });
    server.start();
    try (Storage storage = Storage.create(List.of(URI.create("s3://bkt/")), StorageSettings.of(Map.of(
        S3Settings.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort(), S3Settings.REGION, "us-east-1",
        S3Settings.PART_SIZE_MIB, "5"), Map.of()))) {
      storage.write(URI.create("s3://bkt/single.bin"), out -> out.write(new byte[4 * MIB]));
      storage.write(URI.create("s3://bkt/parts.bin"), out -> out.write(new byte[11 * MIB]));
    } finally {
      server.stop(0);
    }
    assertEquals(List.of(
        new Request("PUT", "", true),
        new Request("POST", "uploads", false),
        new Request("PUT", "partNumber&uploadId", false),
        new Request("PUT", "partNumber&uploadId", false),
        new Request("PUT", "partNumber&uploadId", false),
        new Request("POST", "uploadId", false)), requests);
  }

  private static void answer(HttpExchange exchange, String query) throws IOException {
    String body = "";
    if (query.startsWith("uploads")) {
      body = "<InitiateMultipartUploadResult><Bucket>bkt</Bucket><Key>parts.bin</Key><UploadId>u1</UploadId>"
          + "</InitiateMultipartUploadResult>";
    } else if (query.startsWith("uploadId")) {
      body = "<CompleteMultipartUploadResult><Bucket>bkt</Bucket><Key>parts.bin</Key><ETag>\"e-3\"</ETag>"
          + "</CompleteMultipartUploadResult>";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("ETag", "\"e\"");
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
