package dev.kfp4j.runtime.artifact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an artifact is, stored beside its bytes as {@code <address>.kfp4j-artifact.json}: a file or a
 * directory, its total size and content digest, for a directory every file (relative path, size,
 * digest) and every directory (so empty ones come back too), its KFP schema title and metadata.
 *
 * <p>The manifest is written last: an artifact exists for a reader only once its manifest does, so a
 * half-uploaded directory is never seen as complete.
 *
 * @param kind {@code file} or {@code directory}
 * @param name the file or directory name it was uploaded from ({@code train.csv}), so a step that reads
 *     it gets the same name (and extension) back
 * @param schemaTitle the KFP artifact type ({@code system.Dataset}, {@code system.Model}, …)
 * @param size total bytes
 * @param sha256 hex SHA-256 of a file's bytes; for a directory, of its sorted listing of
 *     {@code path size sha256} lines (so two directories with the same files have the same digest)
 * @param files a directory's files, sorted by path; empty for a file
 * @param directories a directory's sub-directories (relative paths, sorted), so empty ones round-trip
 * @param metadata numbers or strings about the artifact (a metrics artifact's values); may be empty
 */
public record ArtifactManifest(String kind, String name, String schemaTitle, long size, String sha256, List<Entry> files,
    List<String> directories, Map<String, Object> metadata) {

  /** The suffix of a manifest's address, after the artifact's own. */
  public static final String SUFFIX = ".kfp4j-artifact.json";
  /** {@link #kind} of a single file. */
  public static final String FILE = "file";
  /** {@link #kind} of a directory tree. */
  public static final String DIRECTORY = "directory";

  private static final JsonFactory JSON = new JsonFactory();

  public ArtifactManifest {
    files = List.copyOf(files);
    directories = List.copyOf(directories);
    metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
  }

  /** One file of a directory artifact. */
  public record Entry(String path, long size, String sha256) {}

  /** Whether the artifact is a directory tree. */
  public boolean isDirectory() {
    return DIRECTORY.equals(kind);
  }

  /** The manifest as JSON, keys in a fixed order. */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("kind", kind);
      out.writeStringField("name", name);
      out.writeStringField("schemaTitle", schemaTitle);
      out.writeNumberField("size", size);
      out.writeStringField("sha256", sha256);
      if (isDirectory()) {
        out.writeArrayFieldStart("directories");
        for (String directory : directories) {
          out.writeString(directory);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("files");
        for (Entry file : files) {
          out.writeStartObject();
          out.writeStringField("path", file.path());
          out.writeNumberField("size", file.size());
          out.writeStringField("sha256", file.sha256());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      if (!metadata.isEmpty()) {
        out.writeObjectFieldStart("metadata");
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
          out.writeFieldName(entry.getKey());
          Object value = entry.getValue();
          if (value instanceof Number number) {
            out.writeNumber(number.doubleValue());
          } else {
            out.writeString(String.valueOf(value));
          }
        }
        out.writeEndObject();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string failed", e);
    }
    return text.toString();
  }

  /**
   * Parses a manifest.
   *
   * @throws IOException naming the field when the text is not a manifest
   */
  public static ArtifactManifest parse(String text) throws IOException {
    String kind = null;
    String name = "artifact";
    String schemaTitle = "system.Artifact";
    long size = -1;
    String sha256 = null;
    List<Entry> files = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    Map<String, Object> metadata = new TreeMap<>();
    try (JsonParser in = JSON.createParser(text)) {
      expect(in.nextToken(), JsonToken.START_OBJECT, "the manifest");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken token = in.nextToken();
        switch (field) {
          case "kind" -> kind = in.getValueAsString();
          case "name" -> name = in.getValueAsString();
          case "schemaTitle" -> schemaTitle = in.getValueAsString();
          case "size" -> size = in.getValueAsLong(-1);
          case "sha256" -> sha256 = in.getValueAsString();
          case "directories" -> {
            expect(token, JsonToken.START_ARRAY, "directories");
            while (in.nextToken() == JsonToken.VALUE_STRING) {
              directories.add(in.getText());
            }
          }
          case "files" -> {
            expect(token, JsonToken.START_ARRAY, "files");
            while (in.nextToken() == JsonToken.START_OBJECT) {
              String path = null;
              long fileSize = -1;
              String digest = null;
              while (in.nextToken() == JsonToken.FIELD_NAME) {
                String key = in.currentName();
                in.nextToken();
                switch (key) {
                  case "path" -> path = in.getValueAsString();
                  case "size" -> fileSize = in.getValueAsLong(-1);
                  case "sha256" -> digest = in.getValueAsString();
                  default -> in.skipChildren();
                }
              }
              if (path == null || fileSize < 0 || digest == null) {
                throw new IOException("a files entry lacks path, size or sha256");
              }
              files.add(new Entry(path, fileSize, digest));
            }
          }
          case "metadata" -> {
            expect(token, JsonToken.START_OBJECT, "metadata");
            while (in.nextToken() == JsonToken.FIELD_NAME) {
              String key = in.currentName();
              JsonToken value = in.nextToken();
              if (value.isNumeric()) {
                metadata.put(key, in.getDoubleValue());
              } else if (value.isScalarValue()) {
                metadata.put(key, in.getText());
              } else {
                in.skipChildren();
              }
            }
          }
          default -> in.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("not valid JSON: " + e.getOriginalMessage());
    }
    if (!FILE.equals(kind) && !DIRECTORY.equals(kind)) {
      throw new IOException("kind must be \"file\" or \"directory\"");
    }
    if (size < 0 || sha256 == null) {
      throw new IOException("size or sha256 is missing");
    }
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
        || name.contains("\\")) {
      throw new IOException("name must be a plain file name");
    }
    return new ArtifactManifest(kind, name, schemaTitle, size, sha256, files, directories, metadata);
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException(what + " must be a JSON " + (expected == JsonToken.START_ARRAY ? "array" : "object"));
    }
  }
}
