package dev.kfp4j.example.avg;

import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the average pipeline the way the seed article does, on one machine: each component as its own
 * JVM through its generated entrypoint, values in a local run folder, step 1's output context handed
 * to step 2. A deliberately small launcher; the local runner replaces it.
 *
 * <p>Usage: {@code RunAverage [RUN_FOLDER] [NUMBERS_JSON]}, default {@code .kfp4j/runs/average-<time>} and {@code [1,2,3]}.
 */
public final class RunAverage {

  private RunAverage() {}

  public static void main(String[] args) throws Exception {
    Path runDir = Path.of(args.length > 0 ? args[0] : ".kfp4j/runs/average-" + System.currentTimeMillis()).toAbsolutePath();
    String numbersJson = args.length > 1 ? args[1] : "[1,2,3]";
    List<Integer> numbers = ValueCodec.get().mapper().readValue(numbersJson,
        ValueCodec.get().mapper().getTypeFactory().constructCollectionType(List.class, Integer.class));

    Files.createDirectories(runDir);
    URI root = URI.create(runDir.toUri() + "values/");
    URI numbersAddress = URI.create(root + "inputs/numbers.json");
    Path numbersFile = Path.of(numbersAddress);
    Files.createDirectories(numbersFile.getParent());
    try (OutputStream out = Files.newOutputStream(numbersFile)) {
      ValueCodec.get().encode(numbers, new ValueType<List<Integer>>() {}, out);
    }
    RunContext context = RunContext.create(runDir.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "-"), root)
        .with("numbers", numbersAddress);
    Path contexts = runDir.resolve("contexts");
    Files.createDirectories(contexts);
    Files.writeString(contexts.resolve("0-start.json"), context.toJson() + "\n");

    step(runDir, Average_AddEntrypoint.class, List.of(context.toJson(),
        "--output-context", contexts.resolve("1-add.json").toString()));
    step(runDir, Average_DivEntrypoint.class, List.of("--context-file", contexts.resolve("1-add.json").toString(),
        "--input", "sum=add.Output", "--output-context", contexts.resolve("2-div.json").toString()));

    RunContext done = RunContext.parse(Files.readString(contexts.resolve("2-div.json")));
    double average;
    try (InputStream in = Files.newInputStream(Path.of(done.address("div.Output").orElseThrow()))) {
      average = ValueCodec.get().decode(in, ValueType.of(double.class));
    }
    System.out.println(average);
    System.out.println("values:   " + Path.of(root));
    System.out.println("contexts: " + contexts);
  }

  private static void step(Path runDir, Class<?> entrypoint, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(entrypoint.getName());
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(runDir.toFile()).inheritIO().start();
    int code = process.waitFor();
    if (code != 0) {
      System.err.println("step " + entrypoint.getSimpleName() + " failed with exit code " + code);
      System.exit(code);
    }
  }
}
