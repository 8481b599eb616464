package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kfp4j.wire.ComponentAddress;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ml_pipelines.PipelineSpecOuterClass.ComponentInputsSpec;
import ml_pipelines.PipelineSpecOuterClass.ComponentSpec;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import ml_pipelines.PipelineSpecOuterClass.DagOutputsSpec;
import ml_pipelines.PipelineSpecOuterClass.ExecutorInput;
import ml_pipelines.PipelineSpecOuterClass.ParameterType.ParameterTypeEnum;
import ml_pipelines.PipelineSpecOuterClass.PipelineDeploymentConfig;
import ml_pipelines.PipelineSpecOuterClass.PipelineDeploymentConfig.ExecutorSpec;
import ml_pipelines.PipelineSpecOuterClass.PipelineSpec;
import ml_pipelines.PipelineSpecOuterClass.PipelineTaskSpec;
import ml_pipelines.PipelineSpecOuterClass.TaskInputsSpec.InputParameterSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every KFP v2 IR file of every test pipeline ({@code pipeline.yaml} and {@code components/*.yaml})
 * parses strictly into KFP's own {@code ml_pipelines.PipelineSpec} (compiled from the copied
 * {@code pipeline_spec.proto}; unknown fields fail), its {@code deploymentSpec} into
 * {@code PipelineDeploymentConfig}, and passes the checks the KFP backend makes beyond the schema.
 */
class KfpSpecTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();

  @TestFactory
  Stream<DynamicTest> everyIrFileParsesStrictlyAndIsConsistent() {
    List<String> files = new ArrayList<>(PIPELINES.specFiles("pipeline.yaml"));
    files.addAll(PIPELINES.files().keySet().stream().filter(p -> p.matches("META-INF/kfp4j/[^/]+/components/[^/]+\\.yaml"))
        .toList());
    assertThat(files.size()).isAtLeast(20);
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> check(PIPELINES, file)));
  }

  /** The same in the shared entrypoint mode: every executor runs {@code SharedEntrypoint} with a component's address. */
  @TestFactory
  Stream<DynamicTest> everyIrFileOfTheSharedModeParsesStrictlyAndIsConsistent() {
    TestPipelines shared = TestPipelines.shared();
    List<String> files = new ArrayList<>(shared.specFiles("pipeline.yaml"));
    files.addAll(shared.files().keySet().stream().filter(p -> p.matches("META-INF/kfp4j/[^/]+/components/[^/]+\\.yaml"))
        .toList());
    assertThat(files.size()).isAtLeast(20);
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> check(shared, file)));
  }

  @Test
  void anUnknownFieldIsRejected() {
    ObjectNode ir = (ObjectNode) PIPELINES.ir("calculate-average").deepCopy();
    ((ObjectNode) ir.get("root")).put("executorLable", "exec-add");
    InvalidProtocolBufferException e = assertThrows(InvalidProtocolBufferException.class, () -> parse(ir));
    assertThat(e).hasMessageThat().contains("executorLable");
  }

  @Test
  void aStringWhereTheProtoWantsAnObjectIsRejected() {
    ObjectNode ir = (ObjectNode) PIPELINES.ir("calculate-average").deepCopy();
    ir.put("pipelineInfo", "calculate-average");
    assertThrows(InvalidProtocolBufferException.class, () -> parse(ir));
  }

  @Test
  void theSemanticChecksCatchADanglingProducer() throws Exception {
    ObjectNode ir = (ObjectNode) PIPELINES.ir("calculate-average").deepCopy();
    ((ObjectNode) ir.at("/root/dag/tasks/div/inputs/parameters/sum/taskOutputParameter")).put("producerTask", "ad");
    AssertionError error = assertThrows(AssertionError.class, () -> checkSemantics(PIPELINES, "edited", parse(ir), ir));
    assertThat(error).hasMessageThat().contains("'ad'");
  }

  private static void check(TestPipelines pipelines, String file) throws Exception {
    checkNumbersAreYaml11(file, pipelines.text(file));
    JsonNode yaml = pipelines.yaml(file);
    PipelineSpec spec = parse(yaml);
    checkSemantics(pipelines, file, spec, yaml);
  }

  /**
   * A number constant must read as a number under YAML 1.1 too (PyYAML, which the KFP SDK loads component
   * files with, and go-yaml v2): an exponent needs a sign there ({@code 1.0E+20}, not {@code 1.0E20}).
   */
  private static void checkNumbersAreYaml11(String file, String text) {
    Matcher constants = Pattern.compile("constant: ([^\"\\[{\\n][^\\n]*)").matcher(text);
    while (constants.find()) {
      assertWithMessage(file + ": a plain number constant is a YAML 1.1 int, float or bool").that(constants.group(1))
          .matches("true|false|[-+]?(0|[1-9][0-9]*)|[-+]?[0-9]+\\.[0-9]*([eE][-+][0-9]+)?");
    }
  }

  /** Strict proto3 JSON parsing: JsonFormat rejects unknown fields unless told to ignore them. */
  private static PipelineSpec parse(JsonNode yaml) throws InvalidProtocolBufferException {
    PipelineSpec.Builder spec = PipelineSpec.newBuilder();
    JsonFormat.parser().merge(yaml.toString(), spec);
    return spec.build();
  }

  /** The components some task iterates over (a loop's body), found while checking the DAGs that call them. */
  private static final Set<String> iterated = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static void checkSemantics(TestPipelines pipelines, String file, PipelineSpec spec, JsonNode yaml)
      throws Exception {
    PipelineDeploymentConfig.Builder deployment = PipelineDeploymentConfig.newBuilder();
    JsonFormat.parser().merge(yaml.get("deploymentSpec").toString(), deployment);
    Map<String, ExecutorSpec> executors = deployment.getExecutorsMap();

    assertWithMessage(file + ": schemaVersion").that(spec.getSchemaVersion()).isEqualTo("2.1.0");
    assertWithMessage(file + ": pipelineInfo.name").that(spec.getPipelineInfo().getName()).isNotEmpty();
    assertWithMessage(file + ": root is a DAG").that(spec.getRoot().hasDag()).isTrue();

    iterated.clear();
    Stream.concat(Stream.of(spec.getRoot()), spec.getComponentsMap().values().stream())
        .flatMap(c -> c.getDag().getTasksMap().values().stream()).filter(PipelineTaskSpec::hasParameterIterator)
        .forEach(task -> iterated.add(task.getComponentRef().getName()));
    Set<String> usedComponents = new HashSet<>();
    Set<String> usedExecutors = new HashSet<>();
    for (Map.Entry<String, ComponentSpec> entry : spec.getComponentsMap().entrySet()) {
      ComponentSpec component = entry.getValue();
      String where = file + ": component " + entry.getKey();
      assertWithMessage(where + " has a DAG or an executor").that(component.hasDag() || component.hasExecutorLabel()).isTrue();
      if (component.hasExecutorLabel()) {
        assertWithMessage(where + ": executor").that(executors).containsKey(component.getExecutorLabel());
        usedExecutors.add(component.getExecutorLabel());
      } else {
        checkDag(where, spec, component, usedComponents);
      }
      checkTypes(where, component);
    }
    checkDag(file + ": root", spec, spec.getRoot(), usedComponents);
    checkTypes(file + ": root", spec.getRoot());
    assertWithMessage(file + ": every component is used").that(usedComponents).isEqualTo(spec.getComponentsMap().keySet());
    assertWithMessage(file + ": every executor is used").that(usedExecutors).isEqualTo(executors.keySet());

    for (Map.Entry<String, ExecutorSpec> executor : executors.entrySet()) {
      ComponentSpec component = spec.getComponentsMap().values().stream()
          .filter(c -> c.getExecutorLabel().equals(executor.getKey())).findFirst().orElseThrow();
      checkExecutor(pipelines, file + ": executor " + executor.getKey(), executor.getValue(), component);
    }
  }

  private static void checkTypes(String where, ComponentSpec component) {
    component.getInputDefinitions().getParametersMap().forEach((name, parameter) -> assertWithMessage(
        where + ": input " + name + " has a type").that(parameter.getParameterType())
        .isNotEqualTo(ParameterTypeEnum.PARAMETER_TYPE_ENUM_UNSPECIFIED));
    component.getOutputDefinitions().getParametersMap().forEach((name, parameter) -> assertWithMessage(
        where + ": output " + name + " has a type").that(parameter.getParameterType())
        .isNotEqualTo(ParameterTypeEnum.PARAMETER_TYPE_ENUM_UNSPECIFIED));
  }

  /** The checks the KFP backend makes on a DAG: references, producers, dependencies, no cycles, outputs. */
  private static void checkDag(String where, PipelineSpec spec, ComponentSpec enclosing, Set<String> usedComponents) {
    Map<String, PipelineTaskSpec> tasks = enclosing.getDag().getTasksMap();
    assertWithMessage(where + ": DAG has tasks").that(tasks).isNotEmpty();
    Map<String, ComponentInputsSpec.ParameterSpec> enclosingInputs = enclosing.getInputDefinitions().getParametersMap();
    for (Map.Entry<String, PipelineTaskSpec> entry : tasks.entrySet()) {
      String taskWhere = where + " task " + entry.getKey();
      PipelineTaskSpec task = entry.getValue();
      // taskInfo.name is the display name: the task's own name unless a @DisplayName sets one
      assertWithMessage(taskWhere + ": taskInfo.name").that(task.getTaskInfo().getName()).isNotEmpty();
      String ref = task.getComponentRef().getName();
      assertWithMessage(taskWhere + ": componentRef").that(spec.getComponentsMap()).containsKey(ref);
      usedComponents.add(ref);
      ComponentSpec callee = spec.getComponentsMap().get(ref);
      for (String dependency : task.getDependentTasksList()) {
        assertWithMessage(taskWhere + ": dependentTasks names a sibling").that(tasks).containsKey(dependency);
        assertWithMessage(taskWhere + ": depends on itself").that(dependency).isNotEqualTo(entry.getKey());
      }
      Map<String, InputParameterSpec> inputs = task.getInputs().getParametersMap();
      Set<String> supplied = new HashSet<>(inputs.keySet());
      if (task.hasParameterIterator()) {
        // A loop's body gets each item under its itemInput; its items come from an input or are raw JSON.
        var iterator = task.getParameterIterator();
        assertWithMessage(taskWhere + ": the item input is not also a task input").that(supplied)
            .doesNotContain(iterator.getItemInput());
        supplied.add(iterator.getItemInput());
        if (iterator.getItems().hasRaw()) {
          assertWithMessage(taskWhere + ": raw items are a JSON list").that(iterator.getItems().getRaw()).startsWith("[");
        } else {
          assertWithMessage(taskWhere + ": the items are a LIST input").that(
              callee.getInputDefinitions().getParametersMap().get(iterator.getItems().getInputParameter())
                  .getParameterType()).isEqualTo(ParameterTypeEnum.LIST);
        }
        iterated.add(ref);
      }
      assertWithMessage(taskWhere + ": every input of " + ref + " is supplied, and only those")
          .that(supplied).isEqualTo(callee.getInputDefinitions().getParametersMap().keySet());
      if (task.hasTriggerPolicy() && !task.getTriggerPolicy().getCondition().isEmpty()) {
        checkCondition(taskWhere, task.getTriggerPolicy().getCondition(), callee);
      }
      for (Map.Entry<String, InputParameterSpec> input : inputs.entrySet()) {
        String inputWhere = taskWhere + " input " + input.getKey();
        InputParameterSpec parameter = input.getValue();
        ParameterTypeEnum type = callee.getInputDefinitions().getParametersMap().get(input.getKey()).getParameterType();
        switch (parameter.getKindCase()) {
          case COMPONENT_INPUT_PARAMETER -> {
            assertWithMessage(inputWhere + ": componentInputParameter is an input of the enclosing component")
                .that(enclosingInputs).containsKey(parameter.getComponentInputParameter());
            if (parameter.getParameterExpressionSelector().isEmpty()) {
              checkAssignable(inputWhere, enclosingInputs.get(parameter.getComponentInputParameter()).getParameterType(),
                  type);
            } else {
              assertWithMessage(inputWhere + ": a selector reads a record item").that(parameter.getParameterExpressionSelector())
                  .matches("parseJson\\(string_value\\)(\\[\"[A-Za-z_$][A-Za-z0-9_$]*\"\\])+");
              assertWithMessage(inputWhere + ": a selector reads a STRUCT").that(enclosingInputs.get(
                  parameter.getComponentInputParameter()).getParameterType()).isEqualTo(ParameterTypeEnum.STRUCT);
            }
          }
          case TASK_OUTPUT_PARAMETER -> {
            String producer = parameter.getTaskOutputParameter().getProducerTask();
            String key = parameter.getTaskOutputParameter().getOutputParameterKey();
            if (!tasks.containsKey(producer)) {
              throw new AssertionError(inputWhere + ": producer task '" + producer + "' is not a sibling");
            }
            assertWithMessage(inputWhere + ": the producer is a dependency").that(task.getDependentTasksList())
                .contains(producer);
            ComponentSpec produced = spec.getComponentsMap().get(tasks.get(producer).getComponentRef().getName());
            assertWithMessage(inputWhere + ": " + producer + " declares output " + key)
                .that(produced.getOutputDefinitions().getParametersMap()).containsKey(key);
            checkAssignable(inputWhere, produced.getOutputDefinitions().getParametersMap().get(key).getParameterType(),
                type);
          }
          case RUNTIME_VALUE -> {
            assertWithMessage(inputWhere + ": a constant").that(parameter.getRuntimeValue().hasConstant()).isTrue();
            checkConstant(inputWhere, parameter.getRuntimeValue().getConstant(), type);
          }
          default -> throw new AssertionError(inputWhere + ": unexpected kind " + parameter.getKindCase());
        }
      }
    }
    checkAcyclic(where, tasks);
    checkDagOutputs(where, spec, enclosing, tasks);
  }

  private static final Pattern CEL_INPUT = Pattern.compile("inputs\\.parameter_values\\['([^']+)'\\]");
  private static final Pattern CEL_TOKENS = Pattern.compile(
      "\\s+|inputs\\.parameter_values|\\[|\\]|\\(|\\)|'(\\\\.|[^'\\\\])*'|int|double|true|false|-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?"
          + "|==|!=|<=|>=|<|>|&&|\\|\\||!");

  /**
   * A trigger condition reads only the condition task's own inputs ({@code inputs.parameter_values['…']}), and
   * holds nothing but CEL's comparisons, junctions, int()/double() and literals.
   */
  private static void checkCondition(String where, String condition, ComponentSpec callee) {
    Matcher input = CEL_INPUT.matcher(condition);
    while (input.find()) {
      assertWithMessage(where + ": the condition reads an input of the task").that(
          callee.getInputDefinitions().getParametersMap()).containsKey(input.group(1));
    }
    assertWithMessage(where + ": the condition is made of CEL's comparisons and literals: " + condition)
        .that(CEL_TOKENS.matcher(condition).replaceAll("")).isEmpty();
    // KFP's driver compiles the condition with CEL, over the task's ExecutorInput.Inputs, to a boolean.
    CelValidationResult compiled = CEL.compile(condition);
    assertWithMessage(where + ": CEL compiles " + condition + ": " + compiled.getErrorString())
        .that(compiled.hasError()).isFalse();
  }

  private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
      .addMessageTypes(ExecutorInput.Inputs.getDescriptor())
      .addVar("inputs", StructTypeReference.create(ExecutorInput.Inputs.getDescriptor().getFullName()))
      .setResultType(SimpleType.BOOL)
      .build();

  /** Same type, or an integer where a double is wanted (Java's widening; both are JSON numbers). */
  private static void checkAssignable(String where, ParameterTypeEnum given, ParameterTypeEnum wanted) {
    if (!(given == ParameterTypeEnum.NUMBER_INTEGER && wanted == ParameterTypeEnum.NUMBER_DOUBLE)) {
      assertWithMessage(where + ": type").that(given).isEqualTo(wanted);
    }
  }

  /** The constant's JSON type matches the input's type, as the backend checks before it runs anything. */
  private static void checkConstant(String where, Value constant, ParameterTypeEnum type) {
    Value.KindCase expected = switch (type) {
      case NUMBER_INTEGER, NUMBER_DOUBLE -> Value.KindCase.NUMBER_VALUE;
      case STRING -> Value.KindCase.STRING_VALUE;
      case BOOLEAN -> Value.KindCase.BOOL_VALUE;
      case LIST -> Value.KindCase.LIST_VALUE;
      case STRUCT -> Value.KindCase.STRUCT_VALUE;
      default -> throw new AssertionError(where + ": unexpected type " + type);
    };
    assertWithMessage(where + ": constant " + constant + " for a " + type).that(constant.getKindCase()).isEqualTo(expected);
    if (type == ParameterTypeEnum.NUMBER_INTEGER) {
      double number = constant.getNumberValue();
      assertWithMessage(where + ": an integer constant").that(number == Math.rint(number) && Math.abs(number) <= 0x1p53)
          .isTrue();
    }
  }

  private static void checkAcyclic(String where, Map<String, PipelineTaskSpec> tasks) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    for (String start : tasks.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      visit(where, start, tasks, state, path);
    }
  }

  private static void visit(String where, String task, Map<String, PipelineTaskSpec> tasks, Map<String, Integer> state,
      Deque<String> path) {
    Integer seen = state.get(task);
    if (seen != null && seen == 2) {
      return;
    }
    path.push(task);
    if (seen != null) {
      throw new AssertionError(where + ": dependency cycle " + path);
    }
    state.put(task, 1);
    for (String dependency : tasks.get(task).getDependentTasksList()) {
      visit(where, dependency, tasks, state, path);
    }
    state.put(task, 2);
    path.pop();
  }

  private static void checkDagOutputs(String where, PipelineSpec spec, ComponentSpec component,
      Map<String, PipelineTaskSpec> tasks) {
    Map<String, DagOutputsSpec.DagOutputParameterSpec> outputs = component.getDag().getOutputs().getParametersMap();
    assertWithMessage(where + ": DAG outputs cover outputDefinitions").that(outputs.keySet())
        .isEqualTo(component.getOutputDefinitions().getParametersMap().keySet());
    outputs.forEach((name, output) -> {
      if (output.hasValueFromOneof()) {
        // A chain's one-of value: one selector per branch, each a branch output of the chain's type.
        ParameterTypeEnum declared = component.getOutputDefinitions().getParametersMap().get(name).getParameterType();
        var selectors = output.getValueFromOneof().getParameterSelectorsList();
        assertWithMessage(where + ": one-of " + name + " selects from every branch").that(selectors.stream()
            .map(DagOutputsSpec.ParameterSelectorSpec::getProducerSubtask).toList())
            .containsExactlyElementsIn(tasks.keySet());
        for (DagOutputsSpec.ParameterSelectorSpec selector : selectors) {
          ComponentSpec branch = spec.getComponentsMap().get(tasks.get(selector.getProducerSubtask()).getComponentRef()
              .getName());
          assertWithMessage(where + ": one-of " + name + ": " + selector.getProducerSubtask() + " declares "
              + selector.getOutputParameterKey()).that(branch.getOutputDefinitions().getParametersMap())
              .containsKey(selector.getOutputParameterKey());
          checkAssignable(where + ": one-of " + name, branch.getOutputDefinitions().getParametersMap()
              .get(selector.getOutputParameterKey()).getParameterType(), declared);
        }
        return;
      }
      String producer = output.getValueFromParameter().getProducerSubtask();
      String key = output.getValueFromParameter().getOutputParameterKey();
      assertWithMessage(where + ": output " + name + " comes from a subtask").that(tasks).containsKey(producer);
      ComponentSpec produced = spec.getComponentsMap().get(tasks.get(producer).getComponentRef().getName());
      assertWithMessage(where + ": output " + name + ": " + producer + " declares " + key)
          .that(produced.getOutputDefinitions().getParametersMap()).containsKey(key);
      ParameterTypeEnum declared = component.getOutputDefinitions().getParametersMap().get(name).getParameterType();
      // A loop body's outputs are collected: one list of the producer's values, one per iteration.
      assertWithMessage(where + ": output " + name + ": type")
          .that(iterated.contains(where.replaceFirst(".*: component ", "")) ? ParameterTypeEnum.LIST
              : produced.getOutputDefinitions().getParametersMap().get(key).getParameterType())
          .isEqualTo(declared);
    });
  }

  private static final Pattern KFP_PLACEHOLDER = Pattern.compile(
      "\\{\\{\\$\\.(inputs|outputs)\\.parameters\\['([^']+)'](\\.output_file)?}}");

  /**
   * The executor runs the generated entrypoint with KFP's executor protocol, and that class was
   * compiled; or it is a container step: a context-protocol program gets the executor input, a plain
   * one's placeholders name the component's inputs and outputs, and every output has a file.
   */
  private static void checkExecutor(TestPipelines pipelines, String where, ExecutorSpec executor,
      ComponentSpec component) {
    assertWithMessage(where + ": a container").that(executor.hasContainer()).isTrue();
    PipelineDeploymentConfig.PipelineContainerSpec container = executor.getContainer();
    assertWithMessage(where + ": image").that(container.getImage()).isNotEmpty();
    boolean context = container.getEnvList().stream()
        .anyMatch(env -> env.getName().equals("KFP4J_PROTOCOL") && env.getValue().equals("context"));
    if (context) {
      List<String> args = container.getArgsList();
      assertWithMessage(where + ": args").that(args.subList(Math.max(0, args.size() - 2), args.size()))
          .containsExactly("--executor_input", "{{$}}").inOrder();
      return;
    }
    if (container.getCommandCount() == 0 || !container.getCommand(0).equals("java")) {
      Set<String> written = new HashSet<>();
      for (String text : Stream.concat(container.getCommandList().stream(), container.getArgsList().stream()).toList()) {
        assertWithMessage(where + ": no engine-neutral placeholder left").that(text).doesNotContain("{{inputs.");
        Matcher matcher = KFP_PLACEHOLDER.matcher(text);
        while (matcher.find()) {
          boolean input = matcher.group(1).equals("inputs");
          assertWithMessage(where + ": " + matcher.group()).that(matcher.group(3) == null).isEqualTo(input);
          assertWithMessage(where + ": " + matcher.group() + " is defined")
              .that(input ? component.getInputDefinitions().getParametersMap()
                  : component.getOutputDefinitions().getParametersMap())
              .containsKey(matcher.group(2));
          if (!input) {
            written.add(matcher.group(2));
          }
        }
      }
      assertWithMessage(where + ": every output has a file").that(written)
          .isEqualTo(component.getOutputDefinitions().getParametersMap().keySet());
      return;
    }
    assertWithMessage(where + ": args").that(container.getArgsList()).containsExactly("--executor_input", "{{$}}").inOrder();
    List<String> command = container.getCommandList();
    // java [JVM options] -cp CLASSPATH ENTRYPOINT, or java [JVM options] -cp CLASSPATH SharedEntrypoint ADDRESS
    Optional<ComponentAddress> address = ComponentAddress.parse(command.get(command.size() - 1));
    int cp = command.size() - (address.isPresent() ? 4 : 3);
    assertWithMessage(where + ": command").that(command.get(0)).isEqualTo("java");
    assertWithMessage(where + ": command").that(command.get(cp)).isEqualTo("-cp");
    for (String option : command.subList(1, cp)) {
      assertWithMessage(where + ": JVM option").that(option).startsWith("-");
    }
    if (address.isPresent()) {
      assertWithMessage(where + ": main class").that(command.get(command.size() - 2))
          .isEqualTo(ComponentAddress.SHARED_ENTRYPOINT);
      assertWithMessage(where + ": the component's class in the compiled output").that(pipelines.files())
          .containsKey(address.get().owner().replace('.', '/') + ".class");
      assertWithMessage(where + ": the component's descriptor in the compiled output").that(pipelines.files())
          .containsKey(address.get().descriptorPath());
      return;
    }
    String entrypoint = command.get(command.size() - 1).replace('.', '/') + ".class";
    assertWithMessage(where + ": the entrypoint class in the compiled output").that(pipelines.files()).containsKey(entrypoint);
  }

  /** Keeps the javac-free part honest: the constant check itself rejects what it should. */
  @Test
  void theConstantCheckRejectsAStringForANumber() {
    AssertionError error = assertThrows(AssertionError.class, () -> checkConstant("here",
        Value.newBuilder().setStringValue("1.0E20").build(), ParameterTypeEnum.NUMBER_DOUBLE));
    assertThat(error).hasMessageThat().contains("here");
  }
}
