package dev.kfp4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Lists the project's compiled pipelines (with their parameters) and components ({@code kfp4j list}). */
@Mojo(name = "list", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ListMojo extends AbstractKfp4jMojo {

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    runCommand(RunMojo.files(toolClasspath()),
        List.of("list", "--classpath", String.join(File.pathSeparator, projectClasspath())), "kfp4j list");
  }
}
