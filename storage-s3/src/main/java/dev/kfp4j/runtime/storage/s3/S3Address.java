package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.StorageException;
import java.net.URI;

/** An {@code s3://bucket/key} address split into bucket and object key. */
record S3Address(String bucket, String key) {

  static S3Address of(URI address) throws StorageException {
    String bucket = address.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new StorageException(address, "an s3 address needs a bucket: s3://bucket/key");
    }
    if (address.getRawUserInfo() != null || address.getPort() != -1) {
      throw new StorageException(address, "an s3 address is s3://bucket/key; set the endpoint with kfp4j.s3.endpoint");
    }
    String path = address.getPath() == null ? "" : address.getPath();
    String key = path.startsWith("/") ? path.substring(1) : path;
    if (key.isEmpty() || key.endsWith("/")) {
      throw new StorageException(address, "names a bucket or a prefix, not an object");
    }
    return new S3Address(bucket, key);
  }
}
