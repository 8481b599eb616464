package dev.kfp4j.runtime.storage.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint on 127.0.0.1 that answers S3 requests from a script (the last answer repeats), to
 * show how the client treats failures a real server produces only by accident: 500s, throttling.
 */
final class ScriptedS3 implements AutoCloseable {

  record Answer(int status, String body) {}

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  ScriptedS3(List<Answer> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> answer(exchange, script.get(Math.min(requests.getAndIncrement(), script.size() - 1))));
    server.start();
  }

  static Answer error(int status, String code) {
    return new Answer(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
        + "</Code><Message>scripted failure</Message><RequestId>r1</RequestId></Error>");
  }

  static Answer ok(String body) {
    return new Answer(200, body);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.status() == 200 ? "application/octet-stream" : "application/xml");
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
