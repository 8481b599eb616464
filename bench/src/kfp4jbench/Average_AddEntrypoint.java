package kfp4jbench;

import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.entrypoint.InputException;
import dev.kfp4j.runtime.value.ValueType;
import java.util.List;

/**
 * A hand-written stand-in for the entrypoint the annotation processor generates for
 * {@code Average.add}: it calls {@link ComponentMain#run} exactly as the generated code does.
 * The benchmark script takes the class name as a variable, so it can be pointed at the real one.
 */
public final class Average_AddEntrypoint implements ComponentBody {

  private static final ComponentDescriptor COMPONENT = new ComponentDescriptor(
      "add", "kfp4jbench.Average.add", List.of("numbers"), List.of("Output"));

  private Average_AddEntrypoint() {}

  public static void main(String[] args) {
    System.exit(ComponentMain.run(COMPONENT, args, new Average_AddEntrypoint()));
  }

  @Override
  public void call(ComponentIo io) throws InputException {
    List<Integer> numbers = io.input("numbers", new ValueType<List<Integer>>() {});
    int result = Average.add(numbers);
    io.output("Output", result, ValueType.of(int.class));
  }
}
