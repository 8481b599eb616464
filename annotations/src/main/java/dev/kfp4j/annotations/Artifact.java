package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says what kind of artifact a {@link java.nio.file.Path} input or output of a component is, so KFP's
 * UI and lineage show it as a dataset, a model, metrics or a report.
 *
 * <p>A component parameter of type {@code java.nio.file.Path} is an input artifact: before the call the
 * runtime downloads the object (a file or a whole directory tree) to a local path and passes it. A
 * {@code Path} result (or a {@code Path} component of a returned record) is an output artifact: after
 * the call the runtime uploads the file or directory the method returns, atomically, with its size
 * and SHA-256 digest. Without this annotation a {@code Path} is a generic {@link Type#ARTIFACT}.
 *
 * <pre>{@code
 * @Component
 * public static @Artifact(MODEL) Path train(@Artifact(DATASET) Path data, double rate) { ... }
 * }</pre>
 *
 * <p>Put it on the parameter, on the method (its result) or on a record component.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Artifact {

  /** The artifact's type. */
  Type value() default Type.ARTIFACT;

  /** KFP's artifact types ({@code system.*} schema titles). */
  enum Type {
    /** Any file or directory ({@code system.Artifact}). */
    ARTIFACT("system.Artifact"),
    /** A data set ({@code system.Dataset}). */
    DATASET("system.Dataset"),
    /** A trained model ({@code system.Model}). */
    MODEL("system.Model"),
    /**
     * Scalar metrics ({@code system.Metrics}): a JSON object of name to number, such as
     * {@code {"accuracy": 0.93}}, shown by KFP's UI.
     */
    METRICS("system.Metrics"),
    /** An HTML report ({@code system.HTML}). */
    HTML("system.HTML"),
    /** A Markdown report ({@code system.Markdown}). */
    MARKDOWN("system.Markdown");

    private final String schemaTitle;

    Type(String schemaTitle) {
      this.schemaTitle = schemaTitle;
    }

    /** The KFP schema title, {@code system.Dataset}. */
    public String schemaTitle() {
      return schemaTitle;
    }
  }
}
