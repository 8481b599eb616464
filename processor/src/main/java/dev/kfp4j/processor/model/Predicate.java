package dev.kfp4j.processor.model;

/**
 * A condition of a pipeline body's {@code if}, as the engines evaluate it: comparisons of operands joined by
 * {@code !}, {@code &&} and {@code ||}. Each writer renders it in its engine's language (KFP: CEL over
 * {@code inputs.parameter_values}; Argo: a {@code when} expression).
 */
public sealed interface Predicate {

  /** The operands, left to right. */
  default java.util.List<Operand> operands() {
    java.util.List<Operand> operands = new java.util.ArrayList<>();
    if (this instanceof Compare compare) {
      operands.add(compare.left());
      operands.add(compare.right());
    } else if (this instanceof Not not) {
      operands.addAll(not.operand().operands());
    } else if (this instanceof Junction junction) {
      operands.addAll(junction.left().operands());
      operands.addAll(junction.right().operands());
    }
    return operands;
  }

  /** How two operands are compared: the type both are promoted to, as KFP's compiler promotes them. */
  enum Kind { STRING, BOOLEAN, INTEGER, DOUBLE }

  /**
   * One operand: a value of the run (a parameter, a task output, a loop item) or a constant.
   *
   * @param source where the value comes from
   * @param type its Java type
   * @param kind the operand's own type (an {@code INTEGER} operand compared as {@code DOUBLE} is promoted)
   */
  record Operand(Source source, JavaValueType type, Kind kind) {}

  /**
   * {@code left op right}.
   *
   * @param operator one of {@code == != < <= > >=}
   * @param kind the type both operands are compared as
   */
  record Compare(Operand left, String operator, Operand right, Kind kind) implements Predicate {}

  /** {@code !operand}. */
  record Not(Predicate operand) implements Predicate {}

  /** {@code left && right} ({@code and}) or {@code left || right}. */
  record Junction(Predicate left, boolean and, Predicate right) implements Predicate {}
}
