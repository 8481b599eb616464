package dev.kfp4j.wire;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the processor puts what it writes into the class output (and so into a jar), and where runners and
 * clients look for it on a classpath:
 *
 * <pre>
 * META-INF/kfp4j/&lt;pipeline&gt;/pipeline.yaml             the KFP v2 IR
 * META-INF/kfp4j/&lt;pipeline&gt;/workflow.yaml             the Argo Workflow
 * META-INF/kfp4j/&lt;pipeline&gt;/pipeline.mmd              the Mermaid diagram
 * META-INF/kfp4j/&lt;pipeline&gt;/pipeline.descriptor       the pipeline method and its parameter names
 * META-INF/kfp4j/&lt;pipeline&gt;/components/&lt;key&gt;.yaml    one KFP component spec per component
 * META-INF/kfp4j/components/&lt;class&gt;.&lt;method&gt;.component  a component's descriptor, for later compiles
 * </pre>
 */
public final class ResourceLayout {

  /** The folder every kfp4j resource is under. */
  public static final String ROOT = "META-INF/kfp4j/";
  /** A pipeline's KFP IR, in its folder. */
  public static final String PIPELINE_SPEC = "pipeline.yaml";
  /** A pipeline's Argo Workflow, in its folder. */
  public static final String WORKFLOW = "workflow.yaml";
  /** A pipeline's diagram, in its folder. */
  public static final String DIAGRAM = "pipeline.mmd";
  /** A pipeline's descriptor (its method and parameter names), in its folder. */
  public static final String PIPELINE_DESCRIPTOR = "pipeline.descriptor";
  /** The folder of component descriptors. */
  public static final String DESCRIPTORS = ROOT + "components/";

  /** The file name ending of a component descriptor. */
  public static final String DESCRIPTOR_SUFFIX = ".component";
  private static final Pattern PIPELINE_SPEC_PATH = Pattern.compile(Pattern.quote(ROOT) + "([^/]+)/"
      + Pattern.quote(PIPELINE_SPEC));
  private static final Pattern DESCRIPTOR_PATH = Pattern.compile(Pattern.quote(DESCRIPTORS) + "([^/]+)"
      + Pattern.quote(DESCRIPTOR_SUFFIX));

  private ResourceLayout() {}

  /** {@code META-INF/kfp4j/<pipeline>/}. */
  public static String pipelineFolder(String pipeline) {
    return ROOT + pipeline + "/";
  }

  /** {@code META-INF/kfp4j/<pipeline>/pipeline.yaml}. */
  public static String pipelineSpec(String pipeline) {
    return pipelineFolder(pipeline) + PIPELINE_SPEC;
  }

  /** {@code META-INF/kfp4j/<pipeline>/workflow.yaml}. */
  public static String workflow(String pipeline) {
    return pipelineFolder(pipeline) + WORKFLOW;
  }

  /** {@code META-INF/kfp4j/<pipeline>/pipeline.mmd}. */
  public static String diagram(String pipeline) {
    return pipelineFolder(pipeline) + DIAGRAM;
  }

  /** {@code META-INF/kfp4j/<pipeline>/pipeline.descriptor}. */
  public static String pipelineDescriptor(String pipeline) {
    return pipelineFolder(pipeline) + PIPELINE_DESCRIPTOR;
  }

  /** {@code META-INF/kfp4j/<pipeline>/components/<key>.yaml}. */
  public static String componentSpec(String pipeline, String key) {
    return pipelineFolder(pipeline) + "components/" + key + ".yaml";
  }

  /** {@code META-INF/kfp4j/components/<class>.<method>.component}, {@code class} in canonical form. */
  public static String descriptor(String ownerCanonicalName, String methodName) {
    return DESCRIPTORS + ownerCanonicalName + "." + methodName + DESCRIPTOR_SUFFIX;
  }

  /** The pipeline whose KFP IR is at {@code path}, if {@code path} is one. */
  public static Optional<String> pipelineOfSpec(String path) {
    Matcher matcher = PIPELINE_SPEC_PATH.matcher(path);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The {@code <class>.<method>} whose descriptor is at {@code path}, if {@code path} is one. */
  public static Optional<String> componentOfDescriptor(String path) {
    Matcher matcher = DESCRIPTOR_PATH.matcher(path);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
