package dev.kfp4j.processor.model;

/** How a Java value type is typed in the specs (KFP's ParameterType). */
public enum ValueKind {
  NUMBER_INTEGER,
  NUMBER_DOUBLE,
  BOOLEAN,
  STRING,
  LIST,
  STRUCT
}
