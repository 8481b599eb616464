package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.wire.EnvironmentVariables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A client for the Kubeflow Pipelines REST API v2beta1: upload a pipeline's IR and its versions,
 * get or create an experiment, create runs (from an uploaded version or an inline spec), read and
 * list them, wait for them to finish, terminate them.
 */
public final class KfpClient {

  /** Environment variable with the API's address, e.g. {@code http://localhost:8888}. */
  public static final String HOST_ENV = EnvironmentVariables.KFP_HOST;

  private static final String API = "apis/v2beta1/";
  private static final String JSON_TYPE = "application/json";

  private final KfpHttp http;
  private final Duration pollInterval;

  private KfpClient(KfpHttp http, Duration pollInterval) {
    this.http = http;
    this.pollInterval = pollInterval;
  }

  /** A builder for the API at {@code endpoint} (scheme, host, port and any path prefix such as {@code /pipeline}). */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** The API's address. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** Uploads a pipeline's IR as a new pipeline named {@code name} (its {@code pipelineInfo.name} when null). */
  public Pipeline uploadPipeline(PipelineSpec ir, String name, String description, String namespace) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("name", name == null ? ir.pipelineName() : name);
    query.put("description", description);
    query.put("namespace", namespace);
    Multipart form = Multipart.of(ir);
    return http.send("POST", API + "pipelines/upload", query, form.body(), form.contentType(), Pipeline.class);
  }

  /** Uploads a pipeline's IR as a new version of pipeline {@code pipelineId}. */
  public PipelineVersion uploadPipelineVersion(PipelineSpec ir, String pipelineId, String versionName,
      String description) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("name", versionName);
    query.put("pipelineid", require(pipelineId, "pipeline id"));
    query.put("description", description);
    Multipart form = Multipart.of(ir);
    return http.send("POST", API + "pipelines/upload_version", query, form.body(), form.contentType(),
        PipelineVersion.class);
  }

  /** The pipeline named {@code name}, if there is one. */
  public Optional<Pipeline> findPipeline(String name, String namespace) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("namespace", namespace);
    String path = API + "pipelines/names/" + KfpHttp.encode(require(name, "pipeline name"));
    var response = http.sendRaw("GET", path, query, BodyPublishers.noBody(), null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw http.error("GET", path, response);
    }
    return Optional.of(http.read("GET", path, response.body(), KfpHttp.JSON.constructType(Pipeline.class)));
  }

  /** The experiment named {@code name} (in {@code namespace} when given), if there is one. */
  public Optional<Experiment> findExperiment(String name, String namespace) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filter", nameFilter("display_name", require(name, "experiment name")));
    query.put("namespace", namespace);
    query.put("page_size", "2");
    ExperimentPage page = http.send("GET", API + "experiments", query, BodyPublishers.noBody(), null,
        ExperimentPage.class);
    return page.experiments().stream().filter(e -> name.equals(e.displayName())).findFirst();
  }

  /** The experiment named {@code name}, created if missing (what {@code kfp.Client.create_experiment} does). */
  public Experiment getOrCreateExperiment(String name, String description, String namespace) {
    Optional<Experiment> found = findExperiment(name, namespace);
    if (found.isPresent()) {
      return found.get();
    }
    Experiment request = new Experiment(null, name, description, namespace, null, null);
    return http.send("POST", API + "experiments", Map.of(), json(request), JSON_TYPE, Experiment.class);
  }

  /** Creates a run (see {@link Run#of} and {@link Run#inline}); returns it as the server stored it. */
  public Run createRun(Run run) {
    require(run.displayName(), "run display name");
    if ((run.pipelineSpec() == null) == (run.pipelineVersionReference() == null)) {
      throw new IllegalArgumentException("a run needs exactly one of an inline pipeline spec and a pipeline version");
    }
    return http.send("POST", API + "runs", Map.of(), json(run), JSON_TYPE, Run.class);
  }

  /** The run {@code runId} as the server reports it now. */
  public Run getRun(String runId) {
    return http.send("GET", API + "runs/" + KfpHttp.encode(require(runId, "run id")), Map.of(),
        BodyPublishers.noBody(), null, Run.class);
  }

  /** One page of runs, newest first, of an experiment (all runs when null). */
  public RunPage listRuns(String experimentId, String namespace, int pageSize, String pageToken) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("experiment_id", experimentId);
    query.put("namespace", namespace);
    query.put("page_size", Integer.toString(pageSize));
    query.put("page_token", pageToken);
    query.put("sort_by", "created_at desc");
    return http.send("GET", API + "runs", query, BodyPublishers.noBody(), null, RunPage.class);
  }

  /** Asks the server to terminate the run. */
  public void terminateRun(String runId) {
    http.send("POST", API + "runs/" + KfpHttp.encode(require(runId, "run id")) + ":terminate", Map.of(),
        BodyPublishers.noBody(), null, JsonNode.class);
  }

  /**
   * Polls the run until it is SUCCEEDED, FAILED, SKIPPED or CANCELED; tells {@code onChange} each new
   * state; returns the finished run.
   *
   * @throws KfpException when it has not finished within {@code timeout}
   */
  public Run waitForRun(String runId, Duration timeout, Consumer<Run> onChange) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastState = null;
    while (true) {
      Run run = getRun(runId);
      if (lastState == null || !lastState.equals(run.state())) {
        lastState = String.valueOf(run.state());
        onChange.accept(run);
      }
      if (run.finished()) {
        return run;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new KfpException(KfpException.Kind.TIMEOUT, "run " + runId + " did not finish within " + timeout + "; last state " + lastState);
      }
      try {
        Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KfpException("interrupted while waiting for run " + runId, 0, e);
      }
    }
  }

  private BodyPublisher json(Object value) {
    try {
      return BodyPublishers.ofByteArray(KfpHttp.JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new KfpException("could not write " + value.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), 0, e);
    }
  }

  /** A KFP filter (a JSON-encoded {@code Filter} message) matching one string field exactly. */
  static String nameFilter(String key, String value) {
    var filter = KfpHttp.JSON.createObjectNode();
    filter.putArray("predicates").addObject().put("key", key).put("operation", "EQUALS").put("string_value", value);
    return filter.toString();
  }

  private static String require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the " + what + " is empty");
    }
    return value;
  }

  /** Builds a {@link KfpClient}. */
  public static final class Builder {
    private final URI endpoint;
    private KfpAuth auth = KfpAuth.none();
    private HttpClient http;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(5);
    private RetrySettings retry = RetrySettings.defaults();

    private Builder(URI endpoint) {
      if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null) {
        throw new IllegalArgumentException("the KFP endpoint must be an absolute http(s) URL such as "
            + "http://localhost:8888, not " + endpoint);
      }
      this.endpoint = endpoint;
    }

    /** Credentials for every request. */
    public Builder auth(KfpAuth auth) {
      this.auth = auth;
      return this;
    }

    /** The JDK client to use (default: a new one, following redirects within the scheme). */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    /** How long one request may take (default 60 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** How often {@link #waitForRun} asks (default 5 s). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /** How transient failures are retried (default {@link RetrySettings#defaults()}). */
    public Builder retry(RetrySettings retry) {
      this.retry = retry;
      return this;
    }

    /** The client. */
    public KfpClient build() {
      HttpClient client = http != null ? http : HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
      return new KfpClient(new KfpHttp(endpoint, auth, client, requestTimeout, retry), pollInterval);
    }
  }

  /** A multipart/form-data body with the IR as the {@code uploadfile} field. */
  private record Multipart(String boundary, byte[] bytes) {
    static Multipart of(PipelineSpec ir) {
      String boundary = "kfp4j-" + UUID.randomUUID();
      String fileName = ir.source().substring(ir.source().lastIndexOf('/') + 1).replace("\"", "");
      byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\""
          + fileName + "\"\r\nContent-Type: application/x-yaml\r\n\r\n").getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[head.length + ir.yaml().length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(ir.yaml(), 0, all, head.length, ir.yaml().length);
      System.arraycopy(tail, 0, all, head.length + ir.yaml().length, tail.length);
      return new Multipart(boundary, all);
    }

    BodyPublisher body() {
      return BodyPublishers.ofByteArray(bytes);
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }
  }

}
