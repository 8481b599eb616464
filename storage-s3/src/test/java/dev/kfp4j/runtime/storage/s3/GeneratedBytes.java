package dev.kfp4j.runtime.storage.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Pseudo-random bytes made on the fly (never held whole in memory), with their SHA-256. */
final class GeneratedBytes {

  private static final int CHUNK = 64 * 1024;

  private GeneratedBytes() {}

  /** Writes {@code size} bytes from {@code seed} to {@code out} and returns their SHA-256 in hex. */
  static String write(long size, long seed, OutputStream out) throws IOException {
    MessageDigest digest = sha256();
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[CHUNK];
    for (long left = size; left > 0; left -= CHUNK) {
      int n = (int) Math.min(CHUNK, left);
      random.nextBytes(chunk);
      out.write(chunk, 0, n);
      digest.update(chunk, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 in hex and the length of everything {@code in} yields. */
  static Digest digest(java.io.InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[CHUNK];
    long length = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, n);
      length += n;
    }
    return new Digest(HexFormat.of().formatHex(digest.digest()), length);
  }

  record Digest(String sha256, long length) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
