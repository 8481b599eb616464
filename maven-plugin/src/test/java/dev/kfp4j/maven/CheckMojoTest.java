package dev.kfp4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kfp4j:check's clean-up of the folders a renamed pipeline leaves behind. */
class CheckMojoTest {

  @TempDir
  Path classes;

  @Test
  void aRenamedPipelinesEmptyFoldersAreRemovedAndEverythingWithAFileStays() throws Exception {
    Path root = classes.resolve("META-INF/kfp4j");
    // What the compiler plugin leaves after 'old-name' became 'new-name': the old files deleted, their folders not.
    Files.createDirectories(root.resolve("old-name/components"));
    Files.createDirectories(root.resolve("new-name/components"));
    Files.writeString(root.resolve("new-name/pipeline.yaml"), "x");
    Files.writeString(root.resolve("new-name/components/add.yaml"), "x");
    Files.createDirectories(root.resolve("components"));
    Files.writeString(root.resolve("components/add.component"), "x");

    List<Path> removed = CheckMojo.removeEmptyFolders(root);

    assertEquals(List.of(root.resolve("old-name/components"), root.resolve("old-name")), removed);
    assertFalse(Files.exists(root.resolve("old-name")));
    assertTrue(Files.isRegularFile(root.resolve("new-name/components/add.yaml")));
    assertTrue(Files.isRegularFile(root.resolve("components/add.component")));
    assertTrue(Files.isDirectory(root), "the root itself stays");
  }

  @Test
  void noGeneratedFolderIsNothingToDo() throws Exception {
    assertEquals(List.of(), CheckMojo.removeEmptyFolders(classes.resolve("META-INF/kfp4j")));
  }
}
