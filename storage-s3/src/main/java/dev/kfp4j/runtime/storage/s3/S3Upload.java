package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The stream an {@code ObjectWriter} writes an S3 object into, holding at most one part in memory.
 *
 * <p>An object smaller than one part is sent with a single PUT on {@link #commit}. A larger one
 * becomes a multipart upload: each full part is uploaded as soon as it is filled (the SDK retries a
 * part from the buffer on a transient failure), and the object appears only when {@link #commit}
 * completes the upload. {@link #abort} discards the parts, so a failed write leaves no object.
 */
final class S3Upload extends OutputStream {

  // S3's limit on parts per upload.
  private static final int MAX_PARTS = 10_000;
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Client s3;
  private final URI address;
  private final S3Address target;
  private final String endpoint;
  private final byte[] buffer;
  private final ChecksumAlgorithm checksum;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private String uploadId;
  private boolean finished;

  S3Upload(S3Client s3, URI address, S3Address target, String endpoint, S3Settings settings) {
    this.s3 = s3;
    this.address = address;
    this.target = target;
    this.endpoint = endpoint;
    this.buffer = new byte[settings.partSize()];
    // As the SDK's own multipart client does: CRC32 per part unless the user turned checksums off.
    this.checksum = settings.checksums() ? ChecksumAlgorithm.CRC32 : null;
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == buffer.length) {
      sendPart();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    while (length > 0) {
      if (filled == buffer.length) {
        sendPart();
      }
      int n = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  /** Does nothing: the writer may not end the object; only {@link #commit} or {@link #abort} do. */
  @Override
  public void close() {}

  /** Makes the object visible: one PUT, or the last part and the completion of the multipart upload. */
  void commit() throws IOException {
    checkOpen();
    finished = true;
    try {
      if (uploadId == null) {
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType(CONTENT_TYPE), body());
        return;
      }
      if (filled > 0) {
        uploadPart();
      }
      s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (SdkException e) {
      throw S3Errors.map(address, uploadId == null ? "write" : "completing the upload", endpoint, e);
    }
  }

  /** Discards what was uploaded; the failure that led here is {@code cause}, to which a failed abort is added. */
  void abort(Throwable cause) {
    finished = true;
    if (uploadId == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
    } catch (SdkException e) {
      // The parts stay invisible (no object exists until completion); a bucket lifecycle rule for
      // incomplete multipart uploads reclaims them. Keep the detail with the original failure.
      cause.addSuppressed(S3Errors.map(address, "aborting the upload", endpoint, e));
    }
  }

  private void sendPart() throws IOException {
    checkOpen();
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).contentType(CONTENT_TYPE)
            .checksumAlgorithm(checksum)).uploadId();
      }
      uploadPart();
    } catch (SdkException e) {
      throw S3Errors.map(address, "write", endpoint, e);
    }
  }

  private void uploadPart() throws StorageException {
    int number = parts.size() + 1;
    if (number > MAX_PARTS) {
      throw new StorageException(address, "object exceeds " + MAX_PARTS + " parts of " + buffer.length / S3Settings.MIB
          + " MiB; raise " + S3Settings.PART_SIZE_MIB);
    }
    UploadPartResponse response = s3.uploadPart(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
        .partNumber(number).checksumAlgorithm(checksum), body());
    parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
        .checksumCRC32(response.checksumCRC32()).build());
    filled = 0;
  }

  // The provider hands the SDK a fresh view of the buffer for every attempt, so retries need no copy.
  private RequestBody body() {
    int length = filled;
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, CONTENT_TYPE);
  }

  private void checkOpen() throws StorageException {
    if (finished) {
      throw new StorageException(address, "the upload is already finished");
    }
  }
}
