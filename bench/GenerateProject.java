import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic kfp4j project for bench/processor.sh (run with {@code java bench/GenerateProject.java}).
 *
 * <pre>
 * GenerateProject wide DIR CLASSES COMPONENTS_PER_CLASS
 *     CLASSES classes, each with COMPONENTS_PER_CLASS components and one pipeline calling each of them once
 *     (every task uses the results of the two before it)
 * GenerateProject deep DIR PARTS TASKS_PER_PART
 *     one class with 10 components, PARTS pipelines of TASKS_PER_PART tasks each, and a pipeline calling
 *     the PARTS pipelines in a chain (Argo allows 200 tasks per DAG, so a big pipeline is nested)
 * </pre>
 */
public final class GenerateProject {

  public static void main(String[] args) throws IOException {
    if (args.length != 4 || !(args[0].equals("wide") || args[0].equals("deep"))) {
      System.err.println("usage: GenerateProject wide|deep DIR N M");
      System.exit(2);
    }
    Path dir = Path.of(args[1], "bench");
    Files.createDirectories(dir);
    int n = Integer.parseInt(args[2]);
    int m = Integer.parseInt(args[3]);
    if (args[0].equals("wide")) {
      for (int c = 0; c < n; c++) {
        Files.writeString(dir.resolve("Stage" + c + ".java"), wide(c, m));
      }
    } else {
      Files.writeString(dir.resolve("Big.java"), deep(n, m));
    }
  }

  private static String header(String name) {
    return "package bench;\n\nimport dev.kfp4j.annotations.Component;\nimport dev.kfp4j.annotations.Pipeline;\n\n"
        + "public final class " + name + " {\n\n  private " + name + "() {}\n";
  }

  private static String component(String name, int salt) {
    return "\n  @Component\n  public static int " + name + "(int a, int b) {\n    return a + b + " + salt + ";\n  }\n";
  }

  /** The body of a chain of calls: v0 = f0(x, x), v1 = f1(v0, x), v2 = f2(v1, v0), …; returns the last. */
  private static String chain(int tasks, java.util.function.IntFunction<String> callee) {
    StringBuilder body = new StringBuilder();
    for (int t = 0; t < tasks; t++) {
      String a = t == 0 ? "x" : "v" + (t - 1);
      String b = t < 2 ? "x" : "v" + (t - 2);
      body.append("    int v").append(t).append(" = ").append(callee.apply(t)).append('(').append(a).append(", ")
          .append(b).append(");\n");
    }
    return body.append("    return v").append(tasks - 1).append(";\n").toString();
  }

  private static String wide(int c, int components) {
    StringBuilder out = new StringBuilder(header("Stage" + c));
    for (int i = 0; i < components; i++) {
      out.append(component("step" + i, c * 1000 + i));
    }
    out.append("\n  @Pipeline(name = \"flow-").append(c).append("\")\n  public static int flow(int x) {\n")
        .append(chain(components, t -> "step" + t)).append("  }\n}\n");
    return out.toString();
  }

  private static String deep(int parts, int tasksPerPart) {
    StringBuilder out = new StringBuilder(header("Big"));
    for (int i = 0; i < 10; i++) {
      out.append(component("op" + i, i));
    }
    for (int p = 0; p < parts; p++) {
      out.append("\n  @Pipeline(name = \"part-").append(p).append("\")\n  public static int part").append(p)
          .append("(int x) {\n").append(chain(tasksPerPart, t -> "op" + (t % 10))).append("  }\n");
    }
    out.append("\n  @Pipeline(name = \"whole\")\n  public static int whole(int x) {\n");
    for (int p = 0; p < parts; p++) {
      out.append("    int r").append(p).append(" = part").append(p).append('(').append(p == 0 ? "x" : "r" + (p - 1))
          .append(");\n");
    }
    return out.append("    return r").append(parts - 1).append(";\n  }\n}\n").toString();
  }
}
