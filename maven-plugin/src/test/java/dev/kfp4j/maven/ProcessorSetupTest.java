package dev.kfp4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** kfp4j:check names the cause of a processor that did not run, read from the compiler plugin's set-up. */
class ProcessorSetupTest {

  private static final String PATHS = "<annotationProcessorPaths><path><groupId>dev.kfp4j</groupId>"
      + "<artifactId>kfp4j-processor</artifactId><version>1</version></path></annotationProcessorPaths>";

  private static Plugin compiler(String version, String configuration) throws Exception {
    Plugin plugin = new Plugin();
    plugin.setGroupId("org.apache.maven.plugins");
    plugin.setArtifactId("maven-compiler-plugin");
    plugin.setVersion(version);
    plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration + "</configuration>")));
    return plugin;
  }

  @Test
  void noCompilerVersionIsMavensOldDefault() {
    List<String> reasons = ProcessorSetup.reasons(null, false);
    assertTrue(reasons.get(0).contains("has no <version> (Maven then uses an old default, 3.1 in Maven 3.8)"), reasons.toString());
    assertTrue(reasons.get(0).contains("pin <version>3.14.1</version>"), reasons.toString());
    assertEquals(2, reasons.size(), "and no annotationProcessorPaths: " + reasons);
  }

  @Test
  void anOldCompilerIgnoresTheProcessorPath() throws Exception {
    assertEquals(List.of("maven-compiler-plugin 3.1 ignores <annotationProcessorPaths> (added in 3.5): pin "
        + "<version>3.14.1</version>"), ProcessorSetup.reasons(compiler("3.1", PATHS), false));
  }

  @Test
  void procNoneIsNamed() throws Exception {
    assertEquals(List.of("<proc>none</proc> turns annotation processing off: remove it"),
        ProcessorSetup.reasons(compiler("3.14.1", PATHS + "<proc>none</proc>"), false));
  }

  @Test
  void aRightSetUpHasNoReasonAndTheMessageSaysToRebuild() throws Exception {
    assertEquals(List.of(), ProcessorSetup.reasons(compiler("3.14.1", PATHS), false));
    String message = CheckMojo.message(List.of("com.example.A", "com.example.B", "com.example.C", "com.example.D"),
        Path.of("target/classes"), List.of());
    assertTrue(message.startsWith("[kfp4j:ProcessorDidNotRun] com.example.A, com.example.B, com.example.C and 1 more "
        + "have @Component/@Pipeline methods, but the kfp4j annotation processor did not run: "
        + "target/classes/META-INF/kfp4j/ holds no specs"), message);
    assertTrue(message.endsWith("rebuild with 'mvn clean compile' (an incremental compile may have skipped the "
        + "processor)."), message);
  }

  @Test
  void versionsCompareByMajorAndMinor() {
    assertTrue(ProcessorSetup.olderThan("3.1", 3, 5));
    assertTrue(ProcessorSetup.olderThan("2.5.1", 3, 5));
    assertFalse(ProcessorSetup.olderThan("3.5", 3, 5));
    assertFalse(ProcessorSetup.olderThan("3.14.1", 3, 5));
    assertFalse(ProcessorSetup.olderThan("${compiler.version}", 3, 5));
  }
}
