package dev.kfp4j.processor.model;

/**
 * One input of a task (or output of a pipeline) and where its value comes from.
 *
 * @param name the input's name (the callee's parameter name)
 * @param type the input's declared type
 * @param source where the value comes from
 */
public record Binding(String name, JavaValueType type, Source source) {}
