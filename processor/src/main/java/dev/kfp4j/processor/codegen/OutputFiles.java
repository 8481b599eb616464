package dev.kfp4j.processor.codegen;

import com.palantir.javapoet.JavaFile;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** Writes generated sources and resources through the {@link Filer}; a failed write is a {@code WriteFailed} error on its origin. */
public final class OutputFiles {

  private final Filer filer;
  private final Diagnostics diagnostics;

  public OutputFiles(Filer filer, Diagnostics diagnostics) {
    this.filer = filer;
    this.diagnostics = diagnostics;
  }

  /** Writes a generated Java source, originating from {@code origin}. */
  public void source(JavaFile file, Element origin) {
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      diagnostics.error(origin, Message.WRITE_FAILED, file.packageName().isEmpty() ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name(), e.getMessage());
    }
  }

  /** Writes {@code text} as UTF-8 to {@code path} in the class output, originating from {@code origin}; whether it could. */
  public boolean resource(String path, String text, Element origin) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
      try (OutputStream out = file.openOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return true;
    } catch (IOException e) {
      diagnostics.error(origin, Message.WRITE_FAILED, path, e.getMessage());
      return false;
    }
  }
}
