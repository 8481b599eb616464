package dev.kfp4j.cluster.kfp.cli;

import dev.kfp4j.cluster.kfp.KfpAuth;
import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.KfpException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code kfp4j kfp} command shares: where the API is, credentials (from the environment or
 * a file, never from an argument, which would end up in shell history), exit codes (0 done, 1 the run
 * did not succeed, 2 usage, 3 error).
 */
abstract class KfpSubcommand implements Callable<Integer> {

  static final int OK = 0;
  static final int RUN_FAILED = 1;
  static final int ERROR = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "URL",
      description = "the KFP API, e.g. http://localhost:8888 (default: $" + KfpClient.HOST_ENV + ")")
  String host;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "file holding a bearer token (default: $" + KfpAuth.TOKEN_ENV + ", else $" + KfpAuth.COOKIE_ENV + ")")
  Path tokenFile;

  @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "the Kubeflow profile namespace (multi-user)")
  String namespace;

  @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s", converter = DurationText.class,
      description = "how often to ask while waiting (default: ${DEFAULT-VALUE})")
  Duration poll;

  private final Supplier<Map<String, String>> environment;

  KfpSubcommand(Supplier<Map<String, String>> environment) {
    this.environment = environment;
  }

  @Override
  public final Integer call() {
    try {
      return run(client());
    } catch (KfpException | IllegalArgumentException e) {
      err().println("kfp4j kfp: " + e.getMessage());
      err().flush();
      return ERROR;
    }
  }

  abstract int run(KfpClient kfp);

  private KfpClient client() {
    Map<String, String> env = environment.get();
    String url = host != null ? host : env.get(KfpClient.HOST_ENV);
    if (url == null || url.isBlank()) {
      throw new KfpException("no KFP API given: pass --host URL or set " + KfpClient.HOST_ENV
          + " (e.g. http://localhost:8888 after kubectl port-forward svc/ml-pipeline 8888)", 0);
    }
    return KfpClient.builder(URI.create(url.strip())).auth(auth(env)).pollInterval(poll).build();
  }

  private KfpAuth auth(Map<String, String> env) {
    if (tokenFile == null) {
      return KfpAuth.fromEnvironment(env);
    }
    try {
      return KfpAuth.bearer(Files.readString(tokenFile).strip());
    } catch (IOException e) {
      throw new KfpException("could not read the token file " + tokenFile + ": " + e.getClass().getSimpleName(), 0, e);
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
