package dev.kfp4j.processor.model;

import java.util.Map;

/**
 * The names under which a scope (a loop body) receives values from outside it, as KFP's compiler names its
 * pipeline channels: {@code pipelinechannel--<parameter>}, {@code pipelinechannel--<task>-<output>}, and a loop
 * item's own input name.
 */
public final class Channels {

  /** What every channel name starts with. */
  public static final String PREFIX = "pipelinechannel--";

  private Channels() {}

  /**
   * The channel name of {@code source}; {@code itemInputs} gives each loop's item input by loop name.
   *
   * @throws IllegalArgumentException for a constant, which is written where it is used, never passed down
   */
  public static String of(Source source, Map<String, String> itemInputs) {
    if (source instanceof Source.Parameter parameter) {
      return PREFIX + parameter.name();
    }
    if (source instanceof Source.TaskOutput output) {
      return PREFIX + output.task() + "-" + output.output().replaceFirst("^" + PREFIX, "");
    }
    if (source instanceof Source.LoopItem item) {
      return itemInputs.get(item.loop());
    }
    throw new IllegalArgumentException("a constant has no channel");
  }
}
