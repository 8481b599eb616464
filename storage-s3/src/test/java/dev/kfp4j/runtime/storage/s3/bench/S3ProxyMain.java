package dev.kfp4j.runtime.storage.s3.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * Runs S3Proxy on 127.0.0.1 for the storage benchmark, storing objects under a directory, until
 * killed. Usage: {@code S3ProxyMain DIR PORT_FILE ACCESS_KEY SECRET_KEY}; the chosen port is written
 * to PORT_FILE once the server accepts requests.
 */
public final class S3ProxyMain {

  private S3ProxyMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dir.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    Path portFile = Path.of(args[1]);
    Path temp = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"), Integer.toString(proxy.getPort()));
    Files.move(temp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
