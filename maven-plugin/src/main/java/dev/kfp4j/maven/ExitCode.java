package dev.kfp4j.maven;

/** What the kfp4j command's exit codes mean (its one table, {@code kfp4j --help}), for a goal's failure message. */
final class ExitCode {

  private ExitCode() {}

  static String meaning(int code) {
    return switch (code) {
      case 1 -> "the run did not succeed; the lines above name the failed task or step and its log";
      case 2 -> "bad option or parameter; see the message above";
      case 3 -> "no such pipeline, run, workflow or experiment; see the message above";
      case 4 -> "the pipeline cannot be run; see the message above";
      case 5 -> "a run folder, the cache, a file or storage is not readable or writable; see the message above";
      case 6 -> "the cluster or the KFP API refused, failed or was not reachable; see the message above";
      case 7 -> "the timeout was reached while waiting (the run may still be going)";
      case 130, 143 -> "interrupted";
      default -> "see the message above";
    };  }
}
