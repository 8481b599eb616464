package dev.kfp4j.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Why the kfp4j processor may not have run, read from the project's maven-compiler-plugin set-up: each reason
 * with its fix.
 */
final class ProcessorSetup {

  static final String PROCESSOR = "kfp4j-processor";

  private ProcessorSetup() {}

  /** The reasons found in {@code compiler} (may be null: Maven's default compiler plugin), each with its fix. */
  static List<String> reasons(Plugin compiler, boolean processorIsDependency) {
    List<String> reasons = new ArrayList<>();
    String version = compiler == null ? null : compiler.getVersion();
    if (version == null || olderThan(version, 3, 5)) {
      reasons.add("maven-compiler-plugin " + (version == null ? "has no <version> (Maven then uses an old default, 3.1 in "
          + "Maven 3.8)" : version) + " ignores <annotationProcessorPaths> (added in 3.5): pin "
          + "<version>3.14.1</version>");
    }
    List<Xpp3Dom> configurations = new ArrayList<>();
    if (compiler != null) {
      configurations.add((Xpp3Dom) compiler.getConfiguration());
      for (PluginExecution execution : compiler.getExecutions()) {
        if ("default-compile".equals(execution.getId()) || execution.getGoals().contains("compile")) {
          configurations.add((Xpp3Dom) execution.getConfiguration());
        }
      }
    }
    boolean onPath = false;
    boolean procNone = false;
    for (Xpp3Dom configuration : configurations) {
      if (configuration == null) {
        continue;
      }
      Xpp3Dom paths = configuration.getChild("annotationProcessorPaths");
      if (paths != null) {
        for (Xpp3Dom path : paths.getChildren()) {
          Xpp3Dom artifactId = path.getChild("artifactId");
          onPath |= artifactId != null && PROCESSOR.equals(artifactId.getValue());
        }
      }
      Xpp3Dom proc = configuration.getChild("proc");
      procNone |= proc != null && "none".equals(proc.getValue());
    }
    if (!onPath && !processorIsDependency) {
      reasons.add("kfp4j-processor is not on maven-compiler-plugin's <annotationProcessorPaths>: add <path><groupId>"
          + "dev.kfp4j</groupId><artifactId>kfp4j-processor</artifactId><version>…</version></path>");
    }
    if (procNone) {
      reasons.add("<proc>none</proc> turns annotation processing off: remove it");
    }
    return reasons;
  }

  static boolean olderThan(String version, int major, int minor) {
    String[] parts = version.split("[.-]");
    try {
      int actualMajor = Integer.parseInt(parts[0]);
      int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return actualMajor < major || (actualMajor == major && actualMinor < minor);
    } catch (NumberFormatException e) {
      return false; // a property or an unusual scheme: say nothing rather than something wrong
    }
  }
}
