package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.ObjectNotFoundException;
import dev.kfp4j.runtime.storage.StorageException;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns AWS SDK exceptions into one-line {@link StorageException}s naming the address and the reason.
 *
 * <p>Only the HTTP status, the S3 error code and our own explanation go into a message: the server's
 * free text (which for a bad signature can echo the string that was signed) and the request are left
 * out, so no credential can reach a log.
 */
final class S3Errors {

  private S3Errors() {}

  static StorageException map(URI address, String operation, String endpoint, SdkException e) {
    if (e instanceof NoSuchKeyException) {
      return new ObjectNotFoundException(address);
    }
    if (e instanceof S3Exception s3) {
      return fromService(address, operation, s3);
    }
    String attempts = attempts(e);
    if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
      return new StorageException(address, operation + " failed: the AWS SDK found no credentials; set AWS_ACCESS_KEY_ID "
          + "and AWS_SECRET_ACCESS_KEY, a profile (AWS_PROFILE), web identity (AWS_WEB_IDENTITY_TOKEN_FILE and "
          + "AWS_ROLE_ARN, as IRSA sets them) or run with an instance role", null);
    }
    return new StorageException(address, operation + " failed" + attempts + ": could not talk to the S3 endpoint "
        + endpoint + ": " + firstLine(rootCause(e)), e);
  }

  private static StorageException fromService(URI address, String operation, S3Exception e) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    int status = e.statusCode();
    String what = "(" + status + (code.isEmpty() ? "" : " " + code) + ")";
    S3Address parts;
    try {
      parts = S3Address.of(address);
    } catch (StorageException unusable) {
      return new StorageException(address, operation + " failed " + what, e);
    }
    if (e instanceof NoSuchBucketException || code.equals("NoSuchBucket")) {
      return new StorageException(address, "bucket '" + parts.bucket() + "' does not exist " + what, null);
    }
    if (code.equals("NoSuchKey") || status == 404 && code.isEmpty()) {
      return new ObjectNotFoundException(address);
    }
    if (status == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
      return new StorageException(address, operation + " denied " + what + ": the credentials the AWS SDK found "
          + "(environment, profile, web identity or instance role) are not accepted by this endpoint or lack "
          + "permission on bucket '" + parts.bucket() + "'", null);
    }
    if (status == 301 || code.equals("PermanentRedirect") || code.equals("AuthorizationHeaderMalformed")) {
      return new StorageException(address, operation + " failed " + what + ": bucket '" + parts.bucket()
          + "' is in another region; set kfp4j.s3.region (env KFP4J_S3_REGION) or AWS_REGION", null);
    }
    return new StorageException(address, operation + " failed" + attempts(e) + " " + what, null);
  }

  private static String attempts(SdkException e) {
    Integer attempts = e.numAttempts();
    return attempts == null || attempts <= 1 ? "" : " after " + attempts + " attempts";
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
