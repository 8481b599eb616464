package dev.kfp4j.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The compiled classes of a folder that have {@code @Component} or {@code @Pipeline} methods, read with ASM (no class is loaded). */
final class AnnotatedClasses {

  static final String COMPONENT = "Ldev/kfp4j/annotations/Component;";
  static final String PIPELINE = "Ldev/kfp4j/annotations/Pipeline;";

  private AnnotatedClasses() {}

  /** Binary names ({@code com.example.Average}) of the classes under {@code classes} with an annotated method, sorted. */
  static List<String> in(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        try (InputStream in = Files.newInputStream(file)) {
          Finder finder = new Finder();
          new ClassReader(in).accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
          if (finder.annotated) {
            found.add(finder.name.replace('/', '.'));
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static final class Finder extends ClassVisitor {
    String name;
    boolean annotated;

    Finder() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.name = name;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          if (COMPONENT.equals(annotation) || PIPELINE.equals(annotation)) {
            annotated = true;
          }
          return null;
        }
      };
    }
  }
}
