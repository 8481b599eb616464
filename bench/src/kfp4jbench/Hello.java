package kfp4jbench;

/** The bare JVM start the entrypoint is measured against. */
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    System.out.println("Hello, world");
  }
}
