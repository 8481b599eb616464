package kfp4jbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not kfp4j: the same work as the add entrypoint (parse the context, read the numbers, write the
 * sum and the output context atomically) with jackson-core's streaming API only, no databind and
 * no checks. It shows how low the start-up cost can go with a JSON library at all, for deciding
 * whether to replace databind on the container's path. Usage as the entrypoint's.
 */
public final class StreamingFloor {

  private StreamingFloor() {}

  public static void main(String[] args) throws IOException {
    JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    Map<String, String> values = new TreeMap<>();
    String runId = null;
    String root = null;
    try (JsonParser parser = json.createParser(args[0])) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("runId")) {
          runId = parser.getText();
        } else if (field.equals("root")) {
          root = parser.getText();
        } else {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            values.put(name, parser.getText());
          }
        }
      }
    }
    List<Integer> numbers = new ArrayList<>();
    try (JsonParser parser = json.createParser(Files.newInputStream(Path.of(URI.create(values.get("numbers")))))) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
        numbers.add(parser.getIntValue());
      }
    }
    int sum = Average.add(numbers);
    Path output = Path.of(URI.create(root + "add/Output.json"));
    Files.createDirectories(output.getParent());
    Path temp = output.resolveSibling(".Output.json.partial");
    try (OutputStream out = Files.newOutputStream(temp); JsonGenerator generator = json.createGenerator(out)) {
      generator.writeNumber(sum);
    }
    Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    values.put("add.Output", root + "add/Output.json");
    StringWriter context = new StringWriter();
    try (JsonGenerator generator = json.createGenerator(context)) {
      generator.writeStartObject();
      generator.writeStringField("runId", runId);
      generator.writeStringField("root", root);
      generator.writeObjectFieldStart("values");
      for (Map.Entry<String, String> value : values.entrySet()) {
        generator.writeStringField(value.getKey(), value.getValue());
      }
      generator.writeEndObject();
      generator.writeEndObject();
    }
    Path contextFile = Path.of(args[2]);
    Path contextTemp = contextFile.resolveSibling("." + contextFile.getFileName() + ".partial");
    Files.writeString(contextTemp, context.toString() + "\n");
    Files.move(contextTemp, contextFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
