package dev.kfp4j.local.exec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds calls that would end the whole JVM ({@code System.exit}, {@code Runtime.exit},
 * {@code Runtime.halt}) in a component's class and in every class of the same classpath entry (its
 * project) that it refers to, directly or through others. Java has no security manager any more to
 * stop such a call at run time, so an in-process run refuses these components instead.
 *
 * <p>It reads each class file's constant pool: a call to one of those methods needs a method
 * reference to it there, whether it is invoked or taken as a method reference ({@code System::exit}).
 * What it cannot see: calls made through reflection or method handles looked up by name, and calls in
 * other jars (libraries).
 */
final class ExitCalls {

  private static final int MAX_CLASSES = 20_000;

  private final ClassLoader loader;

  ExitCalls(ClassLoader loader) {
    this.loader = loader;
  }

  /** The first class (binary name) that calls one of the exit methods, and which one; empty if none does. */
  Optional<String> find(String componentClass) throws IOException {
    String start = componentClass.replace('.', '/');
    URL first = loader.getResource(start + ".class");
    if (first == null) {
      return Optional.empty();
    }
    String entry = first.toString().substring(0, first.toString().length() - (start + ".class").length());
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    Set<String> seen = new HashSet<>(queue);
    while (!queue.isEmpty() && seen.size() < MAX_CLASSES) {
      String name = queue.poll();
      URL url = loader.getResource(name + ".class");
      if (url == null || !url.toString().startsWith(entry)) {
        continue; // a JDK or library class: not this project's code
      }
      ConstantPool pool;
      try (InputStream in = url.openStream()) {
        pool = ConstantPool.read(in);
      }
      Optional<String> call = pool.exitCall();
      if (call.isPresent()) {
        return Optional.of(name.replace('/', '.') + " calls " + call.get());
      }
      for (String referenced : pool.referencedClasses()) {
        if (seen.add(referenced)) {
          queue.add(referenced);
        }
      }
    }
    return Optional.empty();
  }

  /** The parts of a class file's constant pool this check needs. */
  private record ConstantPool(String[] utf8, int[] classNames, int[][] refs, int[][] nameAndTypes) {

    static ConstantPool read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      int[][] refs = new int[count][];
      int[][] nameAndTypes = new int[count][];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // takes two slots
          }
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9, 17, 18 -> in.readInt();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      return new ConstantPool(utf8, classNames, refs, nameAndTypes);
    }

    Optional<String> exitCall() {
      for (int[] ref : refs) {
        if (ref == null || classNames[ref[0]] == 0 || nameAndTypes[ref[1]] == null) {
          continue;
        }
        String owner = utf8[classNames[ref[0]]];
        String method = utf8[nameAndTypes[ref[1]][0]];
        if (("java/lang/System".equals(owner) && "exit".equals(method))
            || ("java/lang/Runtime".equals(owner) && ("exit".equals(method) || "halt".equals(method)))) {
          return Optional.of(owner.substring(owner.lastIndexOf('/') + 1) + "." + method);
        }
      }
      return Optional.empty();
    }

    List<String> referencedClasses() {
      List<String> names = new ArrayList<>();
      for (int index : classNames) {
        if (index != 0 && utf8[index] != null && !utf8[index].startsWith("[")) {
          names.add(utf8[index]);
        }
      }
      return names;
    }
  }
}
