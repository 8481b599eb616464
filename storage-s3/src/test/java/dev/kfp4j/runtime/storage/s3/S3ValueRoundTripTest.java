package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/** Every kind of value a component passes survives a trip through S3 unchanged, as its canonical JSON bytes. */
class S3ValueRoundTripTest {

  public enum Colour { RED, GREEN }

  public record Point(int x, double y, String label) {}

  public record Shape(String name, List<Point> points, Map<String, Colour> colours) {}

  private static final String BUCKET = "values";
  private static S3TestServer server;
  private static Storage storage;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    storage = Storage.create(List.of(URI.create("s3://" + BUCKET + "/run-1/")), server.settings());
  }

  @AfterAll
  static void closeStorage() throws Exception {
    storage.close();
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("int", 42, ValueType.of(int.class)),
        Arguments.of("int-min", Integer.MIN_VALUE, ValueType.of(int.class)),
        Arguments.of("long", Long.MAX_VALUE, ValueType.of(long.class)),
        Arguments.of("double", 0.1 + 0.2, ValueType.of(double.class)),
        Arguments.of("float", 3.25f, ValueType.of(float.class)),
        Arguments.of("boolean", true, ValueType.of(boolean.class)),
        Arguments.of("string", "héllo \"wörld\"\n\u2603", ValueType.of(String.class)),
        Arguments.of("list", List.of(1, 2, 3), new ValueType<List<Integer>>() {}),
        Arguments.of("empty-list", List.of(), new ValueType<List<String>>() {}),
        Arguments.of("map", Map.of("b", 2.5, "a", -1.0), new ValueType<Map<String, Double>>() {}),
        Arguments.of("record", new Point(1, 2.5, "p"), ValueType.of(Point.class)),
        Arguments.of("enum", Colour.GREEN, ValueType.of(Colour.class)),
        Arguments.of("nested", Map.of("square", List.of(new Shape("s", List.of(new Point(0, 0, "o"), new Point(1, 1, "d")),
            Map.of("edge", Colour.RED)))), new ValueType<Map<String, List<Shape>>>() {}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  <T> void roundTrip(String name, T value, ValueType<T> type) throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/run-1/" + name + ".json");
    ValueCodec codec = ValueCodec.get();

    storage.write(address, out -> codec.encode(value, type, out));

    T read;
    try (InputStream in = storage.read(address)) {
      read = codec.decode(in, type);
    }
    assertEquals(value, read);
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    codec.encode(value, type, canonical);
    try (S3Client s3 = server.rawClient()) {
      byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("run-1/" + name + ".json")).asByteArray();
      assertArrayEquals(canonical.toByteArray(), stored, "bytes in the bucket are the canonical JSON");
    }
  }
}
