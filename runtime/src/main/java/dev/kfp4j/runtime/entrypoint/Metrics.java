package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of a {@code system.Metrics} artifact: a JSON object of name to number (as KFP's
 * {@code Metrics.log_metric} records them), read from the file the component wrote so they can be
 * stored as the artifact's metadata, where KFP's UI shows them.
 */
public final class Metrics {

  static final String SCHEMA_TITLE = "system.Metrics";
  private static final long MAX_SIZE = 1024 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private Metrics() {}

  /** The metrics in {@code file} when {@code schemaTitle} is {@value #SCHEMA_TITLE}; otherwise none. */
  public static Map<String, Object> read(Path file, String schemaTitle) throws IOException {
    Map<String, Object> metrics = new TreeMap<>();
    if (!SCHEMA_TITLE.equals(schemaTitle)) {
      return metrics;
    }
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_SIZE) {
      throw new IOException("a metrics artifact must be a JSON file of at most 1 MiB like {\"accuracy\": 0.93}; "
          + file + " is not");
    }
    try (JsonParser in = JSON.createParser(file.toFile())) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a metrics artifact must be a JSON object of name to number like {\"accuracy\": 0.93}");
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        if (!in.nextToken().isNumeric()) {
          throw new IOException("metric '" + name + "' in " + file.getFileName() + " is not a number");
        }
        metrics.put(name, in.getDoubleValue());
      }
    } catch (JsonProcessingException e) {
      throw new IOException("the metrics file " + file.getFileName() + " is not valid JSON: " + e.getOriginalMessage());
    }
    return metrics;
  }
}
