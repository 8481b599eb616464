package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the KFP API server on 127.0.0.1 (JDK HttpServer) that checks EVERY request against
 * KFP's own swagger files (test resources, kfp-api/): the method and path exist, query parameters are
 * declared and typed, required path/query/body/form parameters are there, a JSON body has only
 * declared fields of the declared types, an upload is multipart with an {@code uploadfile} part. It
 * answers with recorded responses (test resources, responses/), themselves checked against the
 * operation's response schema. It runs no pipelines: it is not a KFP.
 */
public final class SwaggerCheckedServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SWAGGERS = List.of("run", "experiment", "pipeline.upload", "pipeline");

  /** A request as received, for assertions. */
  public record Request(String operationId, String method, String path, Map<String, String> query,
      Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Operation(String id, String method, String template, Pattern pattern, List<String> pathParams,
      JsonNode spec, JsonNode swagger) {}

  private record Reply(int status, byte[] body, Map<String, String> headers) {}

  private final List<Operation> operations = new ArrayList<>();
  private final Map<String, Deque<Reply>> replies = new HashMap<>();
  private final Map<String, Reply> repeated = new HashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;

  public SwaggerCheckedServer() throws IOException {
    for (String name : SWAGGERS) {
      JsonNode swagger = resource("kfp-api/" + name + ".swagger.json");
      swagger.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(path.getKey().substring(last, m.start()))).append("([^/:]+)");
          params.add(m.group(1));
          last = m.end();
        }
        regex.append(Pattern.quote(path.getKey().substring(last)));
        operations.add(new Operation(op.getValue().path("operationId").asText(), op.getKey().toUpperCase(),
            path.getKey(), Pattern.compile(regex.toString()), params, op.getValue(), swagger));
      }));
    }
    // Literal paths before templated ones (pipelines/upload before pipelines/{pipeline_id}).
    operations.sort(Comparator.comparingInt(o -> o.pathParams().size()));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next call of {@code operationId} with the recorded {@code file}. */
  public SwaggerCheckedServer reply(String operationId, int status, String file, String... headers) {
    replies.computeIfAbsent(operationId, k -> new ArrayDeque<>()).add(recorded(operationId, status, file, headers));
    return this;
  }

  /** Answers every call of {@code operationId} after the queued ones with {@code file}. */
  public SwaggerCheckedServer replyAlways(String operationId, int status, String file) {
    repeated.put(operationId, recorded(operationId, status, file));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Fails unless every request matched the swagger and every queued reply was used. */
  public void assertClean() {
    List<String> problems = new ArrayList<>(violations);
    replies.forEach((op, queue) -> queue.forEach(r -> problems.add("reply for " + op + " (" + r.status() + ") unused")));
    if (!problems.isEmpty()) {
      throw new AssertionError("the KFP test server saw problems:\n  " + String.join("\n  ", problems));
    }
  }

  private Reply recorded(String operationId, int status, String file, String... headers) {
    Operation op = operations.stream().filter(o -> o.id().equals(operationId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId + " in the swagger"));
    JsonNode body = resource("responses/" + file);
    JsonNode responses = op.spec().path("responses");
    JsonNode schema = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status)).path("schema")
        : responses.path("default").path("schema");
    List<String> problems = new ArrayList<>();
    SwaggerSchema.check(body, schema, op.swagger(), "$", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("recorded response " + file + " does not match " + operationId + ": " + problems);
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      extra.put(headers[i], headers[i + 1]);
    }
    return new Reply(status, body.toString().getBytes(StandardCharsets.UTF_8), extra);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Operation op = null;
      Matcher matcher = null;
      for (Operation candidate : operations) {
        Matcher m = candidate.pattern().matcher(path);
        if (candidate.method().equals(method) && m.matches()) {
          op = candidate;
          matcher = m;
          break;
        }
      }
      requests.add(new Request(op == null ? null : op.id(), method, path, query,
          Map.copyOf(exchange.getRequestHeaders()), body));
      if (op == null) {
        violations.add(method + " " + path + ": no such operation in the KFP swagger");
        send(exchange, new Reply(404, "{\"code\":5,\"message\":\"no such operation\"}".getBytes(StandardCharsets.UTF_8), Map.of()));
        return;
      }
      List<String> problems = new ArrayList<>();
      checkParameters(op, matcher, query, exchange, body, problems);
      String where = op.id() + " " + method + " " + path + ": ";
      problems.forEach(p -> violations.add(where + p));
      Deque<Reply> queue = replies.get(op.id());
      Reply reply = queue != null && !queue.isEmpty() ? queue.poll() : repeated.get(op.id());
      if (reply == null) {
        violations.add(where + "no recorded reply left");
        reply = new Reply(500, "{\"code\":13,\"message\":\"no recorded reply\"}".getBytes(StandardCharsets.UTF_8), Map.of());
      }
      send(exchange, reply);
    }
  }

  private void checkParameters(Operation op, Matcher path, Map<String, String> query, HttpExchange exchange,
      byte[] body, List<String> problems) {
    Map<String, JsonNode> declaredQuery = new HashMap<>();
    for (JsonNode parameter : op.spec().path("parameters")) {
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      boolean required = parameter.path("required").asBoolean(false);
      switch (in) {
        case "query" -> {
          declaredQuery.put(name, parameter);
          if (required && !query.containsKey(name)) {
            problems.add("required query parameter '" + name + "' is missing");
          }
        }
        case "path" -> {
          int index = op.pathParams().indexOf(name);
          if (index < 0 || path.group(index + 1).isEmpty()) {
            problems.add("path parameter '" + name + "' is missing");
          }
        }
        case "body" -> checkJsonBody(op, parameter, exchange, body, required, problems);
        case "formData" -> checkForm(parameter, exchange, body, required, problems);
        default -> problems.add("parameter location '" + in + "' not understood by the test server");
      }
    }
    query.forEach((name, value) -> {
      JsonNode declared = declaredQuery.get(name);
      if (declared == null) {
        problems.add("query parameter '" + name + "' is not declared (declared: " + declaredQuery.keySet() + ")");
      } else if (declared.path("type").asText().equals("integer") && !value.matches("-?\\d+")) {
        problems.add("query parameter '" + name + "' must be an integer, got '" + value + "'");
      }
    });
  }

  private void checkJsonBody(Operation op, JsonNode parameter, HttpExchange exchange, byte[] body, boolean required,
      List<String> problems) {
    if (body.length == 0) {
      if (required) {
        problems.add("required body '" + parameter.path("name").asText() + "' is missing");
      }
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      problems.add("body is sent as " + type + ", the API consumes application/json");
    }
    try {
      SwaggerSchema.check(JSON.readTree(body), parameter.path("schema"), op.swagger(), "$", problems);
    } catch (IOException e) {
      problems.add("body is not JSON: " + e.getMessage());
    }
  }

  private void checkForm(JsonNode parameter, HttpExchange exchange, byte[] body, boolean required,
      List<String> problems) {
    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    Matcher boundary = Pattern.compile("multipart/form-data; *boundary=\"?([^\";]+)\"?").matcher(type);
    if (!boundary.find()) {
      problems.add("form parameter '" + parameter.path("name").asText() + "' needs multipart/form-data, got " + type);
      return;
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String name = parameter.path("name").asText();
    boolean present = text.contains("--" + boundary.group(1) + "\r\nContent-Disposition: form-data; name=\"" + name + "\"");
    boolean closed = text.endsWith("--" + boundary.group(1) + "--\r\n");
    if (required && !present) {
      problems.add("required form field '" + name + "' is missing");
    }
    if (!closed) {
      problems.add("multipart body does not end with its closing boundary");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    exchange.getResponseBody().write(reply.body());
  }

  private static JsonNode resource(String name) {
    try (InputStream in = SwaggerCheckedServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
