package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.DurationConverter;
import dev.kfp4j.cli.Kfp4jExitCodes;
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
 * a file, never from an argument, which would end up in shell history), and turning a client error into
 * one line on stderr and an exit code of {@link Kfp4jExitCodes}.
 */
abstract class KfpCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "URL",
      description = "the KFP API, e.g. http://localhost:8888 (default: $" + KfpClient.HOST_ENV + ")")
  String host;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "file holding a bearer token (default: $" + KfpAuth.TOKEN_ENV + ", else $" + KfpAuth.COOKIE_ENV + ")")
  Path tokenFile;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "the Kubeflow profile namespace (multi-user)")
  String namespace;

  @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "how often to ask while waiting (default: ${DEFAULT-VALUE}; e.g. 500ms, 5s, 1m)")
  Duration poll;

  private final Supplier<Map<String, String>> environment;

  KfpCommand(Supplier<Map<String, String>> environment) {
    this.environment = environment;
  }

  @Override
  public final Integer call() {
    try {
      return run(client());
    } catch (KfpException e) {
      err().println("kfp4j kfp: " + e.getMessage());
      err().flush();
      return Kfp4jExitCodes.ofClientError(e.kind());
    } catch (IllegalArgumentException e) {
      err().println("kfp4j kfp: " + e.getMessage());
      err().flush();
      return Kfp4jExitCodes.USAGE;
    }
  }


  abstract int run(KfpClient kfp);

  private KfpClient client() {
    Map<String, String> env = environment.get();
    String url = host != null ? host : env.get(KfpClient.HOST_ENV);
    if (url == null || url.isBlank()) {
      throw new KfpException(KfpException.Kind.BAD_PARAMETER, "no KFP API given: pass --host URL or set "
          + KfpClient.HOST_ENV + " (e.g. http://localhost:8888 after kubectl port-forward svc/ml-pipeline 8888)");
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
      throw new KfpException(KfpException.Kind.IO, "could not read the token file " + tokenFile + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
