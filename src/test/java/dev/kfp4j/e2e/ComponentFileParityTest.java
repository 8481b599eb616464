package dev.kfp4j.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Component files with artifacts between Java components ({@code user/com/acme/files/WordCounts.java}: a Java data
 * set through a v1 {@code inputPath}/{@code outputPath} file and a v2 IR file with artifact placeholders, both python3
 * programs, to a Java report) give one report four ways: the direct Java call (the methods' Java bodies), the local
 * runner in host mode, the KFP launcher stand-in (artifacts at their local paths) and the Argo controller stand-in
 * (the step with artifacts as one pod: a container set of fetch, the program and store).
 */
@EnableKubernetesMockClient(crud = true)
class ComponentFileParityTest {

  KubernetesClient client;

  @TempDir
  Path temp;

  @Test
  void aJavaArtifactThroughTwoComponentFilesToAJavaComponent() throws Exception {
    CompiledSample sample = CompiledSample.compile("user/com/acme/files/WordCounts.java", "kfp4j-e2e-word-counts",
        "kfp4j-e2e-word-counts:0");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("sentence", "to be or not to be, that is the question");
    parameters.put("minLength", 3);
    EngineParity.assertAgree(sample, "com.acme.files.WordCounts", "word-counts", "run", parameters, temp, client, true);
  }
}
