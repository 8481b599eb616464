package dev.kfp4j.runtime.entrypoint;

import static dev.kfp4j.wire.StepArguments.COLLECT;
import static dev.kfp4j.wire.StepArguments.COLLECT_MODE;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.ITEMS;
import static dev.kfp4j.wire.StepArguments.ITEMS_MODE;
import static dev.kfp4j.wire.StepArguments.OUTPUT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.TASK;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two steps around a loop on Argo. {@code items} reads the list a loop iterates over and writes one
 * input binding per item ({@code [{"index":"0","binding":"{\"from\":\"xs\",\"path\":[0]}"}, …]}, Argo's
 * {@code withParam}): items travel as an address and an index, never inline, so a long list stays small.
 * {@code collect} gathers one output of every iteration ({@code <loop>/<i>/<value>}) into one list value,
 * stored as {@code <root>/<loop>/<output>.json}, and writes the context with it.
 *
 * <pre>
 * LoopMain items   --contexts JSON_ARRAY --items BINDING --output FILE
 * LoopMain collect --contexts JSON_ARRAY --items BINDING --task LOOP_PATH --collect {"OUTPUT":"VALUE_NAME",…}
 *                  --output-context FILE
 * </pre>
 */
public final class LoopMain {

  private LoopMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err, StorageSettings.fromEnvironment());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one step; returns the exit code. */
  public static int run(String[] args, PrintStream err, StorageSettings settings) {
    String prefix = "kfp4j: loop: ";
    Map<String, String> options;
    String mode = args.length > 0 ? args[0] : "";
    try {
      if (!mode.equals(ITEMS_MODE) && !mode.equals(COLLECT_MODE)) {
        throw new IllegalArgumentException("the first argument must be 'items' or 'collect'");
      }
      options = StepOptions.parse(args, List.of(CONTEXTS, ITEMS, OUTPUT, TASK, COLLECT, OUTPUT_CONTEXT), null,
          mode.equals(ITEMS_MODE) ? List.of(CONTEXTS, ITEMS, OUTPUT)
              : List.of(CONTEXTS, ITEMS, TASK, COLLECT, OUTPUT_CONTEXT));
    } catch (IllegalArgumentException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      RunContext context = contexts(options.get(CONTEXTS));
      InputBinding items = InputBinding.parse("items", InputBinding.parseJson(ITEMS, options.get(ITEMS)));
      // As for every step: the configured roots decide what it may read and write, never the context.
      try (Storage storage = Storage.create(settings.configuredRoots(), settings)) {
        Object value = ContextIo.json("items", items, context, storage);
        if (!(value instanceof List<?> list)) {
          throw new InputException("the items of a loop must be a list, got " + JsonTree.kind(value), null);
        }
        if (mode.equals(ITEMS_MODE)) {
          byte[] json = (JsonTree.write(bindings(items, list)) + "\n").getBytes(StandardCharsets.UTF_8);
          AtomicFiles.write(Path.of(options.get(OUTPUT)), json);
        } else {
          RunContext collected = collect(context, storage, options.get(TASK), list.size(),
              InputBinding.parseJson(COLLECT, options.get(COLLECT)));
          AtomicFiles.write(Path.of(options.get(OUTPUT_CONTEXT)),
              (collected.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return ExitCode.OK;
    } catch (EntrypointArgs.UsageException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    } catch (ContextException | AddressRefusedException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_CONTEXT;
    } catch (InputException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.OUTPUT_FAILED;
    }
  }

  /** One binding per item of {@code list}, which {@code items} names: the list's address and the item's index. */
  static List<Object> bindings(InputBinding items, List<?> list) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> binding = new LinkedHashMap<>();
      binding.put("index", String.valueOf(i));
      binding.put("binding", JsonTree.write(item(items, list.get(i), i)));
      out.add(binding);
    }
    return out;
  }

  /** The binding of item {@code index} of the list {@code items} names; a constant list's items are constants. */
  static Map<String, Object> item(InputBinding items, Object element, int index) {
    List<Object> path = new ArrayList<>();
    InputBinding base = items;
    while (base instanceof InputBinding.Selected selected) {
      path.addAll(0, selected.path());
      base = selected.of();
    }
    Map<String, Object> binding = new LinkedHashMap<>();
    if (base instanceof InputBinding.From from) {
      path.add(index);
      binding.put("from", from.name());
      binding.put("path", InputBinding.pathJson(path));
    } else {
      binding.put("value", element);
    }
    return binding;
  }

  private static RunContext collect(RunContext context, Storage storage, String task, int count, Object collect)
      throws IOException, ContextException, InputException, EntrypointArgs.UsageException {
    if (!(collect instanceof Map<?, ?> outputs)) {
      throw new EntrypointArgs.UsageException("--collect must be a JSON object of OUTPUT → VALUE_NAME");
    }
    RunContext updated = context;
    for (Map.Entry<?, ?> entry : outputs.entrySet()) {
      String valueName = String.valueOf(entry.getValue());
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        URI address = valueAddress(context.root(), task + "/" + i + "/" + valueName);
        try (InputStream in = storage.read(address)) {
          values.add(JsonTree.parse(in));
        } catch (IOException e) {
          throw new InputException("iteration " + i + " of '" + task + "' left no value '" + valueName
              + "': " + e.getMessage(), e);
        }
      }
      URI address = valueAddress(context.root(), task + "." + entry.getKey());
      byte[] bytes = JsonTree.write(values).getBytes(StandardCharsets.UTF_8);
      storage.write(address, out -> out.write(bytes));
      updated = updated.with(task + "." + entry.getKey(), address);
    }
    return updated;
  }

  /** Where value {@code <task path>.<output>} is stored: {@code <root>/<task path>/<output>.json}, as every step stores it. */
  public static URI valueAddress(URI root, String valueName) {
    int dot = valueName.lastIndexOf('.');
    return Addresses.resolve(root, valueName.substring(0, dot) + "/" + valueName.substring(dot + 1) + ".json");
  }

  /**
   * The contexts of {@code --contexts} (a JSON array of contexts, nested arrays flattened), merged: how every step
   * program but a component's reads them.
   */
  public static RunContext contexts(String json) throws ContextException {
    Object array;
    try {
      array = JsonTree.parse(json);
    } catch (JsonProcessingException e) {
      throw new ContextException("--contexts is not valid JSON" + JsonTree.problem(e));
    } catch (IOException e) {
      throw new ContextException("--contexts cannot be read: " + e.getMessage());
    }
    if (!(array instanceof List<?> list)) {
      throw new ContextException("--contexts must be a JSON array of contexts");
    }
    List<String> texts = new ArrayList<>();
    ComponentMain.flatten(list, texts);
    List<RunContext> contexts = new ArrayList<>();
    for (String text : texts) {
      contexts.add(RunContext.parse(text));
    }
    return RunContext.merge(contexts);
  }
}
