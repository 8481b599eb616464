package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.e2e.standin.ArgoControllerStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn;
import dev.kfp4j.e2e.standin.LocalPods;
import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline run four ways — calling the {@code @Pipeline} method directly, the local runner, the KFP launcher
 * stand-in running the IR, and the Argo controller stand-in running the Workflow — gives one result.
 */
final class EngineParity {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineParity() {}

  /**
   * Runs {@code pipeline} of {@code sample} (class {@code className}, method {@code method}) four ways and asserts
   * that the four results are the same JSON value.
   */
  static void assertAgree(CompiledSample sample, String className, String pipeline, String method,
      Map<String, Object> parameters, Path temp, KubernetesClient client) throws Exception {
    assertAgree(sample, className, pipeline, method, parameters, temp, client, false);
  }

  /**
   * {@link #assertAgree(CompiledSample, String, String, String, Map, Path, KubernetesClient)}; {@code hostPrograms}:
   * container steps' own programs run on this machine (the local runner's host mode, the stand-ins' host programs).
   */
  static void assertAgree(CompiledSample sample, String className, String pipeline, String method,
      Map<String, Object> parameters, Path temp, KubernetesClient client, boolean hostPrograms) throws Exception {
    JsonNode direct = JSON.valueToTree(direct(sample, className, method, parameters));

    List<Path> classpath = new ArrayList<>(List.of(sample.classes()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(Path.of(entry));
    }
    LocalRunner.Builder runner = LocalRunner.builder().workDirectory(temp.resolve("local")).inProcess(true).parallelism(2)
        .stopOnSignal(false).classpath(Classpath.of(classpath));
    if (hostPrograms) {
      runner.containers(ContainerRuntime.host(Map.of()));
    }
    RunResult local = runner.build().run(pipeline, parameters);
    assertWithMessage("%s", local).that(local.state()).isEqualTo(RunResult.State.SUCCEEDED);
    assertEqualValues(pipeline + " local runner", local.output("Output", JsonNode.class), direct);

    JsonNode ir = new YAMLMapper().readTree(sample.spec(pipeline, "pipeline.yaml").toFile());
    Map<String, JsonNode> values = new LinkedHashMap<>();
    parameters.forEach((name, value) -> values.put(name, JSON.valueToTree(value)));
    LocalPods pods = LocalPods.withClasspath(List.of(sample.classes()));
    if (hostPrograms) {
      pods = pods.withHostPrograms(Map.of(), List.of());
    }
    KfpLauncherStandIn kfp = new KfpLauncherStandIn(pods, temp.resolve("kfp"), KfpLauncherStandIn.NumberStyle.PROTOJSON);
    assertEqualValues(pipeline + " KFP", kfp.run(ir, values).get("Output"), direct);

    ObjectNode workflow = WorkflowSpecs.fromFile(sample.spec(pipeline, "workflow.yaml"));
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    SubmitOptions options = SubmitOptions.defaults().withNamespace("e2e");
    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
      options = options.withParameter(parameter.getKey(), parameter.getValue() instanceof String text ? text
          : JSON.writeValueAsString(parameter.getValue()));
    }
    String name = argo.submit(workflow, options).name();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client, pods, temp.resolve("pods"));
    controller.run("e2e", name);
    WorkflowRun run = argo.watch("e2e", name, new ProgressPrinter(new PrintWriter(new StringWriter())),
        Duration.ofMinutes(2));
    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo("Succeeded");
    URI output = WorkflowOutputs.pipelineOutputs(run).get("Output");
    try (Storage storage = Storage.create(List.of(sample.storageRoot()), StorageSettings.of(Map.of(), Map.of()))) {
      assertEqualValues(pipeline + " Argo", WorkflowOutputs.read(storage, output, ValueType.of(JsonNode.class)), direct);
    }
  }

  private static Object direct(CompiledSample sample, String className, String method, Map<String, Object> parameters)
      throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {sample.classes().toUri().toURL()},
        EngineParity.class.getClassLoader())) {
      Class<?> type = loader.loadClass(className);
      for (Method candidate : type.getMethods()) {
        if (candidate.getName().equals(method)) {
          Object[] arguments = parameters.values().toArray();
          Class<?>[] types = candidate.getParameterTypes();
          for (int i = 0; i < arguments.length; i++) {
            if (types[i].isEnum() && arguments[i] instanceof String name) {
              arguments[i] = enumConstant(types[i], name);
            }
          }
          return candidate.invoke(null, arguments);
        }
      }
    }
    throw new AssertionError("no method " + method);
  }

  /** Equal as JSON values, numbers compared by value (KFP keeps every number as a double). */
  private static void assertEqualValues(String what, JsonNode actual, JsonNode expected) {
    assertWithMessage(what).that(normalise(actual)).isEqualTo(normalise(expected));
  }

  private static String normalise(JsonNode node) {
    if (node.isNumber()) {
      return String.valueOf(node.doubleValue());
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(normalise(item)));
      return items.toString();
    }
    return node.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class<? extends Enum>) type, name);
  }
}
