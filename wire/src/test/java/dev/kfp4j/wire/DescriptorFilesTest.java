package dev.kfp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The component and pipeline descriptor files: their exact text, and reading them back. */
class DescriptorFilesTest {

  @Test
  void componentDescriptorText() {
    ComponentDescriptorFile descriptor = new ComponentDescriptorFile("div", "div", List.of("sum", "numbers"));
    assertEquals("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=div
        method=div
        input=sum
        input=numbers
        """, descriptor.write());
    assertEquals(Optional.of(descriptor), ComponentDescriptorFile.read(descriptor.write()));
  }

  @Test
  void componentDescriptorWithOutputsAndArtifacts() {
    ComponentDescriptorFile descriptor = new ComponentDescriptorFile("train", "train", List.of("data", "rate"),
        List.of("model", "accuracy"), new java.util.LinkedHashMap<>(java.util.Map.of("data", "system.Dataset")));
    java.util.Map<String, String> artifacts = new java.util.LinkedHashMap<>(descriptor.artifacts());
    artifacts.put("model", "system.Model");
    descriptor = new ComponentDescriptorFile("train", "train", List.of("data", "rate"), List.of("model", "accuracy"),
        artifacts);
    assertEquals("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=train
        method=train
        input=data
        input=rate
        output=model
        output=accuracy
        artifact=system.Dataset data
        artifact=system.Model model
        """, descriptor.write());
    assertEquals(Optional.of(descriptor), ComponentDescriptorFile.read(descriptor.write()));
    assertEquals(List.of("data", "model"), List.copyOf(descriptor.artifacts().keySet()), "port order kept");
    assertTrue(ComponentDescriptorFile.read("format=1\nname=a\nartifact=system.Model\n").isEmpty(),
        "an artifact line without a name");
  }

  @Test
  void componentAddresses() {
    ComponentAddress address = ComponentAddress.parse("com.acme.Outer$Inner#addAll").orElseThrow();
    assertEquals("com.acme.Outer$Inner", address.owner());
    assertEquals("addAll", address.method());
    assertEquals("com.acme.Outer$Inner#addAll", address.text());
    assertEquals(ResourceLayout.descriptor("com.acme.Outer.Inner", "addAll"), address.descriptorPath());
    assertEquals("Outer_Inner_AddAllEntrypoint", ComponentAddress.generatedEntrypointName(List.of("Outer", "Inner"),
        "addAll"));
    for (String notOne : List.of("com.acme.Average_AddEntrypoint", "#add", "com.acme.Average#", "a#b#c", "a b#c",
        "META-INF/x#y")) {
      assertTrue(ComponentAddress.parse(notOne).isEmpty(), notOne);
    }
  }

  @Test
  void pipelineDescriptorText() {
    PipelineDescriptorFile descriptor = new PipelineDescriptorFile("train-model", "com.acme.Outer.Inner.train",
        List.of("rows", "rate"));
    assertEquals("""
        # kfp4j pipeline descriptor, written by the kfp4j processor
        format=1
        name=train-model
        method=com.acme.Outer.Inner.train
        parameter=rows
        parameter=rate
        """, descriptor.write());
    assertEquals(Optional.of(descriptor), PipelineDescriptorFile.read(descriptor.write()));
    assertEquals("com.acme.Outer.Inner", descriptor.owner());
    assertEquals("train", descriptor.methodName());
  }

  @Test
  void laterFieldsAreIgnoredAndOtherFormatsRefused() {
    assertEquals(Optional.of(new PipelineDescriptorFile("p", "a.B.m", List.of("x"))),
        PipelineDescriptorFile.read("format=1\nname=p\nmethod=a.B.m\nreturns=int\nparameter=x\n"));
    assertTrue(PipelineDescriptorFile.read("format=2\nname=p\nmethod=a.B.m\n").isEmpty(), "a later format");
    assertTrue(PipelineDescriptorFile.read("format=1\nname=p\n").isEmpty(), "no method");
    assertTrue(PipelineDescriptorFile.read("format=1\nname=p\nmethod=m\n").isEmpty(), "a method without a class");
    assertTrue(ComponentDescriptorFile.read("format=1\nname add\n").isEmpty(), "a line without '='");
    assertTrue(ComponentDescriptorFile.read("name=add\n").isEmpty(), "no format line");
  }
}
