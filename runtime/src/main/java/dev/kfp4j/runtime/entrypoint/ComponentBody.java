package dev.kfp4j.runtime.entrypoint;

/** The generated part of an entrypoint: read inputs from {@code io}, call the user method, hand outputs back. */
@FunctionalInterface
public interface ComponentBody {

  /** Runs the component once. */
  void call(ComponentIo io) throws Exception;
}
