package dev.kfp4j.processor;

import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.EntrypointMode;
import dev.kfp4j.processor.spec.SpecSettings;
import dev.kfp4j.wire.ComponentAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Processor options ({@code -Akey=value}), all optional.
 *
 * @param image default container image of components ({@code kfp4j.image}); empty: {@code kfp4j-<pipeline>:latest}
 * @param classpath the classpath inside the image ({@code kfp4j.classpath}); default Jib's layout
 * @param javaCommand the java launcher inside the image ({@code kfp4j.java})
 * @param storageRoot where cluster runs store values ({@code kfp4j.storage.root}); each run gets a folder below it
 * @param storageSecret the Kubernetes Secret holding storage credentials ({@code kfp4j.storage.secret})
 * @param s3Endpoint an S3 endpoint override for MinIO and other S3-compatible stores ({@code kfp4j.s3.endpoint})
 * @param jvmOptions JVM options of every component container ({@code kfp4j.jvm.options}, space-separated;
 *     default {@link #DEFAULT_JVM_OPTIONS}, empty for none)
 * @param cdsArchive an AppCDS archive in the image ({@code kfp4j.cds.archive}); empty: none
 * @param aotCache a JDK 25 AOT cache in the image ({@code kfp4j.aot.cache}); empty: none
 * @param entrypoints how Java components are started ({@code kfp4j.entrypoints}): a generated entrypoint class per
 *     component (the default), or the runtime's shared entrypoint
 */
public record ProcessorOptions(String image, String classpath, String javaCommand, String storageRoot,
    String storageSecret, String s3Endpoint, List<String> jvmOptions, String cdsArchive, String aotCache,
    EntrypointMode entrypoints) {

  public static final String IMAGE = "kfp4j.image";
  public static final String CLASSPATH = "kfp4j.classpath";
  public static final String JAVA = "kfp4j.java";
  public static final String STORAGE_ROOT = "kfp4j.storage.root";
  public static final String STORAGE_SECRET = "kfp4j.storage.secret";
  public static final String S3_ENDPOINT = "kfp4j.s3.endpoint";
  public static final String JVM_OPTIONS = "kfp4j.jvm.options";
  public static final String CDS_ARCHIVE = "kfp4j.cds.archive";
  public static final String AOT_CACHE = "kfp4j.aot.cache";
  public static final String ENTRYPOINTS = "kfp4j.entrypoints";

  /** A component step is a short-lived JVM: C1 only (C2 would not pay off) and the serial collector (no GC threads). */
  public static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  /** Every option name the processor reads. */
  public static final Set<String> NAMES = Set.of(IMAGE, CLASSPATH, JAVA, STORAGE_ROOT, STORAGE_SECRET, S3_ENDPOINT,
      JVM_OPTIONS, CDS_ARCHIVE, AOT_CACHE, ENTRYPOINTS);

  private static final String DEFAULT_STORAGE_ROOT = "s3://kfp4j/runs";

  /**
   * Reads the options, reporting values that cannot be used (a credential or an unknown entrypoint mode: error; a
   * bad storage root: warning).
   */
  static ProcessorOptions parse(Map<String, String> given, Diagnostics diagnostics) {
    Map<String, String> options = withoutCredentials(given, diagnostics);
    String root = options.getOrDefault(STORAGE_ROOT, DEFAULT_STORAGE_ROOT);
    if (!root.matches("[a-z][a-z0-9+.-]*://[^\\s{}\"'\\\\]+")) {
      diagnostics.warning(Message.BAD_OPTION, STORAGE_ROOT, root, "an absolute storage URI such as s3://bucket/prefix",
          DEFAULT_STORAGE_ROOT);
      root = DEFAULT_STORAGE_ROOT;
    }
    List<String> jvmOptions = new ArrayList<>();
    for (String option : valueOf(options, JVM_OPTIONS, DEFAULT_JVM_OPTIONS).split("\\s+")) {
      if (option.isEmpty()) {
        continue;
      }
      if (!option.startsWith("-")) {
        diagnostics.warning(Message.BAD_OPTION, JVM_OPTIONS, valueOf(options, JVM_OPTIONS, ""),
            "a list of JVM options ('" + option + "' does not start with '-')", "the others, without it");
        continue;
      }
      jvmOptions.add(option);
    }
    String cds = valueOf(options, CDS_ARCHIVE, "");
    String aot = valueOf(options, AOT_CACHE, "");
    if (!cds.isEmpty() && !aot.isEmpty()) {
      diagnostics.warning(Message.BAD_OPTION, CDS_ARCHIVE, cds, "usable together with -A" + AOT_CACHE
          + " (a JVM maps one)", "the AOT cache " + aot);
      cds = "";
    }
    return new ProcessorOptions(
        options.getOrDefault(IMAGE, ""),
        options.getOrDefault(CLASSPATH, "/app/resources:/app/classes:/app/libs/*"),
        options.getOrDefault(JAVA, "java"),
        root.endsWith("/") ? root.substring(0, root.length() - 1) : root,
        options.getOrDefault(STORAGE_SECRET, "kfp4j-storage"),
        options.getOrDefault(S3_ENDPOINT, ""),
        List.copyOf(jvmOptions), cds, aot, entrypoints(options, diagnostics));
  }

  /** {@code -Akfp4j.entrypoints}: a value that names no mode is an error (a typo must not pick a mode silently). */
  private static EntrypointMode entrypoints(Map<String, String> options, Diagnostics diagnostics) {
    String value = valueOf(options, ENTRYPOINTS, EntrypointMode.GENERATED.optionValue());
    Optional<EntrypointMode> mode = EntrypointMode.ofOptionValue(value);
    if (mode.isEmpty()) {
      diagnostics.error(Message.UNKNOWN_OPTION_VALUE, ENTRYPOINTS, value, "generated or shared",
          "write -A" + ENTRYPOINTS + "=generated (the default: a generated entrypoint class per @Component) or -A"
              + ENTRYPOINTS + "=shared (no class per component: the runtime's " + ComponentAddress.SHARED_ENTRYPOINT
              + " runs each one from its descriptor)");
    }
    return mode.orElse(EntrypointMode.GENERATED);
  }

  /** The option's value, trimmed; {@code -Akey=} (javac: no value) is the empty string. */
  private static String valueOf(Map<String, String> options, String key, String fallback) {
    if (!options.containsKey(key)) {
      return fallback;
    }
    String value = options.get(key);
    return value == null ? "" : value.trim();
  }

  /** The settings the spec writers need. */
  public SpecSettings specSettings() {
    return new SpecSettings(image, classpath, javaCommand, storageRoot, storageSecret, s3Endpoint, jvmOptions, cdsArchive,
        aotCache);
  }

  private static final Pattern USER_INFO = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://([^/?#\\s]*)@");
  private static final Pattern CREDENTIAL_QUERY = Pattern.compile("[?&](x-amz-signature|x-amz-credential"
      + "|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|token|access_token|awsaccesskeyid"
      + "|password|api_key|apikey)=", Pattern.CASE_INSENSITIVE);

  /**
   * The options without any value that carries a credential (user info, or a signature or credential
   * in a query): each is an error (reported without the secret), and is dropped so that no generated
   * file can contain it.
   */
  private static Map<String, String> withoutCredentials(Map<String, String> options, Diagnostics diagnostics) {
    Map<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
      String value = option.getValue() == null ? "" : option.getValue();
      String problem = USER_INFO.matcher(value).find() ? "user info in a URL"
          : CREDENTIAL_QUERY.matcher(value).find() ? "a signature or credential in a query" : null;
      if (problem == null || !NAMES.contains(option.getKey())) {
        kept.put(option.getKey(), value);
      } else {
        diagnostics.error(Message.CREDENTIAL_IN_OPTION, option.getKey(), redacted(value), problem);
      }
    }
    return kept;
  }

  /** The value as it may be shown: no user info, no query. */
  private static String redacted(String value) {
    String text = USER_INFO.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
        m.group().substring(0, m.group().indexOf("://") + 3) + "<redacted>@"));
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query) + "?<redacted>";
  }
}
