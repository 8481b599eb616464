package dev.kfp4j.local.exec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Sends what in-process components print to {@code System.out} / {@code System.err} to the log of the
 * task running on the current thread. {@code System.out} is one per JVM, so the only way to give
 * each concurrently running task its own log is one router installed once that looks at the thread.
 */
final class ThreadOutput {

  private static final ThreadLocal<PrintStream> TARGET = new ThreadLocal<>();
  private static boolean installed;

  private ThreadOutput() {}

  /** Installs the routers (once per JVM); output of other threads still goes to the original streams. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    Charset charset = Charset.defaultCharset(); // the encoding System.out uses unless told otherwise
    System.setOut(new PrintStream(new Router(System.out), true, charset));
    System.setErr(new PrintStream(new Router(System.err), true, charset));
    installed = true;
  }

  /** Routes this thread's output to {@code log} until {@link #clear()}. */
  static void route(PrintStream log) {
    TARGET.set(log);
  }

  static void clear() {
    TARGET.remove();
  }

  private static final class Router extends OutputStream {
    private final PrintStream original;

    Router(PrintStream original) {
      this.original = original;
    }

    private PrintStream target() {
      PrintStream target = TARGET.get();
      return target != null ? target : original;
    }

    @Override
    public void write(int b) {
      target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      target().write(b, off, len);
    }

    @Override
    public void flush() {
      target().flush();
    }
  }
}
