package dev.kfp4j.processor;

import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.spec.SpecSettings;
import java.util.Map;
import java.util.Set;

/**
 * Processor options ({@code -Akey=value}), all optional.
 *
 * @param image default container image of components ({@code kfp4j.image}); empty: {@code kfp4j-<pipeline>:latest}
 * @param classpath the classpath inside the image ({@code kfp4j.classpath}); default Jib's layout
 * @param javaCommand the java launcher inside the image ({@code kfp4j.java})
 * @param storageRoot where cluster runs store values ({@code kfp4j.storage.root}); each run gets a folder below it
 * @param storageSecret the Kubernetes Secret holding storage credentials ({@code kfp4j.storage.secret})
 * @param s3Endpoint an S3 endpoint override for MinIO and other S3-compatible stores ({@code kfp4j.s3.endpoint})
 */
public record ProcessorOptions(String image, String classpath, String javaCommand, String storageRoot,
    String storageSecret, String s3Endpoint) {

  public static final String IMAGE = "kfp4j.image";
  public static final String CLASSPATH = "kfp4j.classpath";
  public static final String JAVA = "kfp4j.java";
  public static final String STORAGE_ROOT = "kfp4j.storage.root";
  public static final String STORAGE_SECRET = "kfp4j.storage.secret";
  public static final String S3_ENDPOINT = "kfp4j.s3.endpoint";

  private static final String DEFAULT_STORAGE_ROOT = "s3://kfp4j/runs";

  /** Every option name the processor reads. */
  public static final Set<String> NAMES = Set.of(IMAGE, CLASSPATH, JAVA, STORAGE_ROOT, STORAGE_SECRET, S3_ENDPOINT);

  /** Reads the options, warning about values that cannot be used. */
  static ProcessorOptions parse(Map<String, String> options, Diagnostics diagnostics) {
    String root = options.getOrDefault(STORAGE_ROOT, DEFAULT_STORAGE_ROOT);
    if (!root.matches("[a-z][a-z0-9+.-]*://[^\\s{}\"'\\\\]+")) {
      diagnostics.warning(Message.BAD_OPTION, STORAGE_ROOT, root, "an absolute storage URI such as s3://bucket/prefix",
          DEFAULT_STORAGE_ROOT);
      root = DEFAULT_STORAGE_ROOT;
    }
    return new ProcessorOptions(
        options.getOrDefault(IMAGE, ""),
        options.getOrDefault(CLASSPATH, "/app/resources:/app/classes:/app/libs/*"),
        options.getOrDefault(JAVA, "java"),
        root.endsWith("/") ? root.substring(0, root.length() - 1) : root,
        options.getOrDefault(STORAGE_SECRET, "kfp4j-storage"),
        options.getOrDefault(S3_ENDPOINT, ""));
  }

  /** The settings the spec writers need. */
  public SpecSettings specSettings() {
    return new SpecSettings(image, classpath, javaCommand, storageRoot, storageSecret, s3Endpoint);
  }
}
