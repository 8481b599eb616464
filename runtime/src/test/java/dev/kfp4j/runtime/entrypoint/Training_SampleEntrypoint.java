package dev.kfp4j.runtime.entrypoint;

/** An entrypoint as the processor names them, for {@link TrainingMainTest}'s scan. */
public final class Training_SampleEntrypoint implements ComponentBody {
  @Override
  public void call(ComponentIo io) {
    throw new AssertionError("a training run loads entrypoints, it never calls them");
  }
}
