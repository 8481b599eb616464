package dev.kfp4j.e2e.standin;

import dev.kfp4j.wire.ComponentAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * TEST STAND-IN, not a container runtime: runs a container spec's {@code command} + {@code args} as a local
 * process, the way a pod would run them in the image kfp4j's specs expect (Jib's layout). Nothing is pulled,
 * isolated or scheduled. What it changes, and only this, so the same spec runs on the build machine:
 *
 * <ul>
 *   <li>{@code java} becomes this JVM's own {@code java}, with {@code -XX:TieredStopAtLevel=1} added (start-up
 *       speed only; the code path is the same);
 *   <li>the image classpath after {@code -cp} (Jib's {@value #IMAGE_CLASSPATH}, or any other under {@code /app/})
 *       becomes this JVM's classpath (plus any extra class folders), and the image's start-up archive
 *       ({@code -XX:SharedArchiveFile=/…}) is left out;
 *   <li>an argument that is exactly one of the container paths in {@code files} (e.g.
 *       {@code /tmp/kfp4j/context.json}) becomes that step's own local file, so steps do not share one path;
 *   <li>optionally, one storage root prefix in arguments and env values is rewritten (e.g.
 *       {@code s3://kfp4j/runs/} to a temporary {@code file://} folder), since no S3 is reachable from here.
 * </ul>
 * The process gets an empty environment plus the spec's env values, as a container gets only what its spec
 * and image set. A command of another shape is refused: the stand-in knows only kfp4j's entrypoint commands
 * ({@code java … -cp CLASSPATH MAIN}, or {@code … SharedEntrypoint OWNER#METHOD} in shared mode),
 * unless the pods were made {@link #withHostPrograms with host programs}: then a container step's own command
 * (python3, sh, …) runs on this machine, image paths under the given prefixes read from local folders, and the
 * given tool folders first on its {@code PATH} (then this machine's).
 */
public final class LocalPods {

  /** The classpath inside the image, Jib's layout; the processor's default {@code -Akfp4j.classpath}. */
  public static final String IMAGE_CLASSPATH = "/app/resources:/app/classes:/app/libs/*";

  private final String classpath;
  private final String rootPrefix;
  private final String localRootPrefix;
  private final Map<String, Path> hostPaths;
  private final List<Path> hostTools;

  private LocalPods(String classpath, String rootPrefix, String localRootPrefix, Map<String, Path> hostPaths,
      List<Path> hostTools) {
    this.classpath = classpath;
    this.rootPrefix = rootPrefix;
    this.localRootPrefix = localRootPrefix;
    this.hostPaths = hostPaths;
    this.hostTools = hostTools;
  }

  /** The same pods, also running container steps' own programs on this machine (see the class comment). */
  public LocalPods withHostPrograms(Map<String, Path> paths, List<Path> tools) {
    return new LocalPods(classpath, rootPrefix, localRootPrefix, Map.copyOf(paths), List.copyOf(tools));
  }

  /** Pods on this JVM's classpath, with {@code extra} folders first (classes compiled by a test). */
  public static LocalPods withClasspath(List<Path> extra) {
    List<String> entries = new ArrayList<>();
    extra.forEach(path -> entries.add(path.toString()));
    entries.add(System.getProperty("java.class.path"));
    return new LocalPods(String.join(java.io.File.pathSeparator, entries), null, null, null, null);
  }

  /** The same pods, with the storage root prefix {@code specRoot} in arguments and env rewritten to {@code localRoot}. */
  public LocalPods rewritingRoot(String specRoot, String localRoot) {
    return new LocalPods(classpath, specRoot, localRoot, hostPaths, hostTools);
  }

  /** What a pod did: its exit code and its log (stdout and stderr interleaved, as {@code kubectl logs} shows). */
  public record Result(int exitCode, String log) {}

  /**
   * Runs one container.
   *
   * @param command the spec's command
   * @param args the spec's args, after the engine's substitutions
   * @param env the spec's plain env values
   * @param files container path → local file standing in for it
   * @param workDir the process's working folder
   */
  public Result run(List<String> command, List<String> args, Map<String, String> env, Map<String, Path> files,
      Path workDir) throws IOException, InterruptedException {
    int cp = command.indexOf("-cp");
    List<String> main = cp < 0 ? List.of() : command.subList(Math.min(cp + 2, command.size()), command.size());
    if (command.isEmpty() || !command.get(0).equals("java") || cp < 0 || !isMain(main)
        || !isImageClasspath(command.get(cp + 1))) {
      if (hostPaths == null || command.isEmpty()) {
        throw new IllegalStateException("the stand-in runs only 'java -cp " + IMAGE_CLASSPATH + " MAIN' or 'java -cp "
            + IMAGE_CLASSPATH + " " + ComponentAddress.SHARED_ENTRYPOINT + " OWNER#METHOD', not " + command);
      }
      return hostProgram(command, args, env, files, workDir);
    }
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.add("-XX:TieredStopAtLevel=1");
    for (String option : command.subList(1, cp)) {
      if (!option.startsWith("-XX:SharedArchiveFile=/")) { // the image's start-up archive: not on this machine
        line.add(option);
      }
    }
    line.add("-cp");
    line.add(classpath);
    line.addAll(main);
    for (String arg : args) {
      Path file = files.get(arg);
      line.add(file != null ? file.toString() : rewrite(arg));
    }
    Map<String, String> environment = new LinkedHashMap<>();
    env.forEach((name, value) -> environment.put(name, rewrite(value)));
    return start(line, environment, workDir, String.join(" ", main));
  }

  /** A main class, or the runtime's shared entrypoint and a component's address ({@code -Akfp4j.entrypoints=shared}). */
  private static boolean isMain(List<String> main) {
    return main.size() == 1 || main.size() == 2 && main.get(0).equals(ComponentAddress.SHARED_ENTRYPOINT)
        && ComponentAddress.isAddress(main.get(1));
  }

  /** Jib's layout, or any classpath of the image's {@code /app} (the example's: its jar, {@code -Akfp4j.classpath}). */
  private static boolean isImageClasspath(String classpath) {
    for (String entry : classpath.split(":")) {
      if (!entry.startsWith("/app/")) {
        return false;
      }
    }
    return true;
  }

  private Result start(List<String> line, Map<String, String> environment, Path workDir, String what)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve("pod.log");
    ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("pod " + what + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private Result hostProgram(List<String> command, List<String> args, Map<String, String> env, Map<String, Path> files,
      Path workDir) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    for (String arg : concat(command, args)) {
      Path file = files.get(arg);
      line.add(file != null ? file.toString() : hostPath(rewrite(arg)));
    }
    for (Path file : files.values()) {
      Files.createDirectories(file.getParent());
    }
    Map<String, String> environment = new LinkedHashMap<>();
    env.forEach((name, value) -> environment.put(name, rewrite(value)));
    List<String> path = new ArrayList<>();
    hostTools.forEach(tool -> path.add(tool.toString()));
    path.add(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("PATH", String.join(java.io.File.pathSeparator, path));
    return start(line, environment, workDir, command.get(0));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private String hostPath(String text) {
    for (Map.Entry<String, Path> mapping : hostPaths.entrySet()) {
      String prefix = mapping.getKey().endsWith("/") ? mapping.getKey() : mapping.getKey() + "/";
      if (text.startsWith(prefix)) {
        return mapping.getValue().resolve(text.substring(prefix.length())).toString();
      }
    }
    return text;
  }

  private String rewrite(String text) {
    return rootPrefix == null ? text : text.replace(rootPrefix, localRootPrefix);
  }
}
