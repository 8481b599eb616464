package dev.kfp4j.processor.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/** Finds component files ({@code @ComponentFile}) at compile time: on the source path, then the class path. */
public interface ComponentFiles {

  /** Finds nothing: for checks that must not read files. */
  ComponentFiles NONE = path -> Optional.empty();

  /** The text of the file at {@code path} (relative to a root), or empty if there is none. */
  Optional<String> read(String path);

  /** Looks files up through the Filer, in the source path, the class path and the class output. */
  static ComponentFiles of(Filer filer) {
    List<JavaFileManager.Location> locations = List.of(StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH,
        StandardLocation.CLASS_OUTPUT);
    return path -> {
      for (JavaFileManager.Location location : locations) {
        try {
          FileObject file = filer.getResource(location, "", path);
          try (InputStream in = file.openInputStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
          // not in this location (or the location is not set in this compilation): try the next one
        }
      }
      return Optional.empty();
    };
  }
}
