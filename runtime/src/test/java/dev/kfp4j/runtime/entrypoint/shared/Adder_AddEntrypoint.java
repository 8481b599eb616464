package dev.kfp4j.runtime.entrypoint.shared;

import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.value.Codecs;
import java.util.List;

/** {@link Adder#add}'s entrypoint exactly as the processor generates it (see its golden Average_AddEntrypoint.java). */
public final class Adder_AddEntrypoint implements ComponentBody {
  public static final ComponentDescriptor COMPONENT = new ComponentDescriptor("add",
      "dev.kfp4j.runtime.entrypoint.shared.Adder.add", List.of("numbers"), List.of("Output"));

  private Adder_AddEntrypoint() {
  }

  public static void main(String[] args) {
    int code = ComponentMain.run(COMPONENT, args, new Adder_AddEntrypoint());
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void call(ComponentIo io) throws Exception {
    execute(io);
  }

  public static void execute(ComponentIo io) throws Exception {
    List<Integer> numbers = io.input("numbers", Codecs.list(Codecs.INT_BOX));
    int result = Adder.add(numbers);
    io.output("Output", result, Codecs.INT);
  }
}
