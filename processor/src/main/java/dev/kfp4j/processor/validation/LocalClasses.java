package dev.kfp4j.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Component} and {@code @Pipeline} methods in classes declared inside a method body
 * (local classes, local records, anonymous classes). javac never hands those to a processor, so
 * without this they would be dropped without a word; they cannot be run anyway (nothing outside the
 * method can name them), so each is an error on the method.
 */
public final class LocalClasses {

  private static final String PACKAGE = "dev.kfp4j.annotations";
  private static final Set<String> ANNOTATIONS = Set.of("Component", "Pipeline");

  private LocalClasses() {}

  /** Reports every annotated method in a local or anonymous class of the {@code roots}' sources. */
  public static void report(Set<? extends Element> roots, Trees trees, Diagnostics diagnostics) {
    for (Element root : roots) {
      if (!(root instanceof TypeElement)) {
        continue;
      }
      TreePath path = trees.getPath(root);
      if (path == null) {
        continue;
      }
      CompilationUnitTree unit = path.getCompilationUnit();
      new Scanner(unit, diagnostics).scan(path, null);
    }
  }

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final Diagnostics diagnostics;

    Scanner(CompilationUnitTree unit, Diagnostics diagnostics) {
      this.unit = unit;
      this.diagnostics = diagnostics;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      TreePath parent = getCurrentPath().getParentPath();
      Tree enclosing = parent == null ? null : parent.getLeaf();
      boolean local = enclosing != null && !(enclosing instanceof ClassTree) && !(enclosing instanceof CompilationUnitTree);
      if (local) {
        String what = tree.getSimpleName().isEmpty() ? "an anonymous class"
            : tree.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + tree.getSimpleName() + "'";
        for (Tree member : tree.getMembers()) {
          if (member instanceof MethodTree method) {
            for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
              String kfp4j = kfp4jAnnotation(annotation.getAnnotationType().toString());
              if (kfp4j != null) {
                diagnostics.error(method, unit, Message.COMPONENT_IN_LOCAL_CLASS, kfp4j, method.getName(), what);
              }
            }
          }
        }
      }
      return super.visitClass(tree, unused);
    }

    /** "Component" or "Pipeline" if the annotation, as written, is kfp4j's; else null. */
    private String kfp4jAnnotation(String written) {
      for (String name : ANNOTATIONS) {
        if (written.equals(PACKAGE + "." + name)) {
          return name;
        }
        if (written.equals(name)) {
          for (ImportTree imported : unit.getImports()) {
            String text = imported.getQualifiedIdentifier().toString();
            if (!imported.isStatic() && (text.equals(PACKAGE + "." + name) || text.equals(PACKAGE + ".*"))) {
              return name;
            }
          }
          if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
            return name;
          }
        }
      }
      return null;
    }
  }
}
