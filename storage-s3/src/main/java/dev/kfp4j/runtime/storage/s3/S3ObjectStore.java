package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.ObjectNotFoundException;
import dev.kfp4j.runtime.storage.ObjectStore;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.StorageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code s3://bucket/key} storage on AWS S3 or any S3-compatible store (MinIO, S3Proxy, Ceph, …).
 * Reads stream the object; writes hold one part in memory and make the object visible only once it
 * is complete (see {@link S3Upload}). Transient failures are retried by the AWS SDK's retry strategy.
 */
public final class S3ObjectStore implements ObjectStore {

  private final S3Client s3;
  private final S3Settings settings;
  private final String endpoint;

  /** A store over {@code s3}, which it closes when it is closed. */
  public S3ObjectStore(S3Client s3, S3Settings settings) {
    this.s3 = s3;
    this.settings = settings;
    this.endpoint = settings.endpoint().map(URI::toString).orElse("AWS S3");
  }

  @Override
  public InputStream read(URI address) throws IOException {
    S3Address target = S3Address.of(address);
    try {
      return new ObjectStream(address, s3.getObject(b -> b.bucket(target.bucket()).key(target.key())));
    } catch (SdkException e) {
      throw S3Errors.map(address, "read", endpoint, e);
    }
  }

  @Override
  public void write(URI address, ObjectWriter writer) throws IOException {
    S3Upload upload = new S3Upload(s3, address, S3Address.of(address), endpoint, settings);
    try {
      writer.writeTo(upload);
      upload.commit();
    } catch (IOException | RuntimeException | Error e) {
      upload.abort(e);
      throw e;
    }
  }

  @Override
  public boolean exists(URI address) throws IOException {
    S3Address target = S3Address.of(address);
    try {
      s3.headObject(b -> b.bucket(target.bucket()).key(target.key()));
      return true;
    } catch (SdkException e) {
      StorageException mapped = S3Errors.map(address, "exists", endpoint, e);
      if (mapped instanceof ObjectNotFoundException) {
        return false;
      }
      throw mapped;
    }
  }

  @Override
  public void delete(URI address) throws IOException {
    S3Address target = S3Address.of(address);
    try {
      s3.deleteObject(b -> b.bucket(target.bucket()).key(target.key()));
    } catch (SdkException e) {
      throw S3Errors.map(address, "delete", endpoint, e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  /** The object's bytes; SDK failures while streaming become storage errors, and an early close drops the connection. */
  private final class ObjectStream extends FilterInputStream {
    private final URI address;
    private final ResponseInputStream<GetObjectResponse> response;
    private boolean ended;

    ObjectStream(URI address, ResponseInputStream<GetObjectResponse> response) {
      super(response);
      this.address = address;
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      try {
        int b = super.read();
        ended |= b < 0;
        return b;
      } catch (SdkException e) {
        throw S3Errors.map(address, "read", endpoint, e);
      }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      try {
        int n = super.read(bytes, offset, length);
        ended |= n < 0;
        return n;
      } catch (SdkException e) {
        throw S3Errors.map(address, "read", endpoint, e);
      }
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        // Reading the rest of a large object just to reuse the connection costs more than a new one.
        response.abort();
      }
      super.close();
    }
  }
}
