package dev.kfp4j.runtime.entrypoint.shared;

import dev.kfp4j.annotations.Component;
import java.nio.file.Path;
import java.util.List;

/**
 * Components (and near misses) as the shared entrypoint may meet them, with hand-written descriptors in
 * {@code src/test/resources/META-INF/kfp4j/components/}: a class that is not public with a package-private and a
 * private method, an instance method, overloads, a nested class, and descriptors that no longer match.
 */
final class SharedCases {

  private SharedCases() {}

  record Pair(int left, String right) {}

  static int packagePrivate(int number) {
    return number + 1;
  }

  private static int hidden(int number) {
    return number * 10;
  }

  int instance(int number) {
    return number;
  }

  /** Overloads of one arity, one of them the component. */
  @Component
  public static int chosen(int number) {
    return number + 100;
  }

  public static int chosen(String text) {
    throw new AssertionError("not the component");
  }

  /** Overloads of one arity, none marked: the shared entrypoint cannot tell which. */
  static int twin(int number) {
    return number;
  }

  static int twin(String text) {
    return 0;
  }

  /** Descriptors that do not match it: two inputs, an artifact, a missing record component, another method. */
  static Pair pair(int left) {
    return new Pair(left, "x");
  }

  static Path file(String text) {
    return Path.of(text);
  }

  static void nothing(int number) {}

  static int count(int number) {
    return number;
  }

  static int renamed(int number) {
    return number;
  }

  static int future(int number) {
    return number;
  }

  /** A component in a nested class: com.acme.Outer$Inner#twice. */
  static final class Inner {
    private Inner() {}

    static List<Integer> twice(List<Integer> numbers) {
      return List.of(numbers.size(), 2 * numbers.size());
    }
  }
}
