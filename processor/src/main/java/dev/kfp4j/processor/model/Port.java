package dev.kfp4j.processor.model;

/**
 * A named input or output of a component or pipeline.
 *
 * @param name the name (a Java parameter name, {@code Output}, or a record component name)
 * @param type its value type
 */
public record Port(String name, JavaValueType type) {}
