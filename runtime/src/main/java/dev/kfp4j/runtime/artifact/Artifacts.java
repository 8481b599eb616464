package dev.kfp4j.runtime.artifact;

import dev.kfp4j.runtime.storage.ObjectNotFoundException;
import dev.kfp4j.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves artifacts (files and directory trees) between local paths and storage, streaming with bounded
 * memory and recording each one's size and SHA-256 in an {@link ArtifactManifest}.
 *
 * <p>Layout under an artifact's address {@code A}: a file is the object {@code A}; a directory is one
 * object per file at {@code A/<relative path>}; the manifest is the object {@code A.kfp4j-artifact.json},
 * written last. One object per file (not an archive) keeps every file readable on its own by other
 * tools and by KFP's UI, and lets a file store copy bytes in the kernel; the manifest gives what a
 * prefix listing would (which not every backend has) plus digests and empty directories.
 */
public final class Artifacts {

  private static final int BUFFER = 64 * 1024;

  private Artifacts() {}

  /** The address of the manifest of the artifact at {@code address}. */
  public static URI manifestAddress(URI address) {
    return URI.create(address + ArtifactManifest.SUFFIX);
  }

  /**
   * Uploads the file or directory at {@code local} as the artifact at {@code address}.
   *
   * @throws ArtifactException if {@code local} is missing, not a regular file or directory, or holds a
   *     symbolic link (links could lead outside what the step produced); nothing is then written
   */
  public static ArtifactManifest upload(Storage storage, URI address, Path local, String schemaTitle,
      Map<String, Object> metadata) throws IOException {
    if (Files.isSymbolicLink(local)) {
      throw new ArtifactException(local + " is a symbolic link; return the file or directory itself");
    }
    if (Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) {
      String digest = put(storage, address, local);
      ArtifactManifest manifest = new ArtifactManifest(ArtifactManifest.FILE, fileName(local), schemaTitle,
          Files.size(local), digest,
          List.of(), List.of(), metadata);
      putManifest(storage, address, manifest);
      return manifest;
    }
    if (!Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
      throw new ArtifactException(local + (Files.exists(local, LinkOption.NOFOLLOW_LINKS)
          ? " is neither a regular file nor a directory" : " does not exist"));
    }
    List<Path> files = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    Files.walkFileTree(local, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(local)) {
          directories.add(relative(local, dir));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
          throw new ArtifactException(relative(local, file) + " in " + local + " is a symbolic link, which an artifact"
              + " cannot hold (it may lead outside the directory); copy the file in instead");
        }
        if (!attrs.isRegularFile()) {
          throw new ArtifactException(relative(local, file) + " in " + local + " is not a regular file");
        }
        files.add(file);
        return FileVisitResult.CONTINUE;
      }
    });
    List<ArtifactManifest.Entry> entries = new ArrayList<>();
    long total = 0;
    for (Path file : files) {
      String path = relative(local, file);
      String digest = put(storage, child(address, path), file);
      long size = Files.size(file);
      entries.add(new ArtifactManifest.Entry(path, size, digest));
      total += size;
    }
    entries.sort((a, b) -> a.path().compareTo(b.path()));
    directories.sort(String::compareTo);
    ArtifactManifest manifest = new ArtifactManifest(ArtifactManifest.DIRECTORY, fileName(local), schemaTitle, total,
        listingDigest(entries), entries, directories, metadata);
    putManifest(storage, address, manifest);
    return manifest;
  }

  /** The manifest of the artifact at {@code address}, if kfp4j stored an artifact there. */
  public static Optional<ArtifactManifest> find(Storage storage, URI address) throws IOException {
    Optional<String> text = readText(storage, manifestAddress(address));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ArtifactManifest.parse(text.get()));
    } catch (IOException e) {
      throw new ArtifactException("the manifest " + manifestAddress(address) + " is damaged: " + e.getMessage());
    }
  }

  /** One line for people: {@code system.Model model/ (3 files, 1234 bytes, sha256 1a2b3c4d5e6f)}. */
  public static String describe(ArtifactManifest manifest) {
    return manifest.schemaTitle() + " " + manifest.name() + (manifest.isDirectory() ? "/ (" + manifest.files().size()
        + " files, " : " (") + manifest.size() + " bytes, sha256 " + manifest.sha256().substring(0, Math.min(12,
        manifest.sha256().length())) + ")";
  }

  /**
   * The manifest of the artifact at {@code address}; for an object with none (one that kfp4j did not
   * write, such as an imported {@code s3://} or {@code https://} file), a file manifest without a
   * digest ({@code sha256} empty) once the object is known to exist.
   *
   * @throws ArtifactException if there is neither a manifest nor an object
   */
  public static ArtifactManifest manifest(Storage storage, URI address) throws IOException {
    Optional<ArtifactManifest> found = find(storage, address);
    if (found.isPresent()) {
      return found.get();
    }
    if (!storage.exists(address)) {
      throw new ArtifactException("no artifact at " + address + " (neither an object nor a kfp4j manifest)");
    }
    String path = address.getPath() == null ? "" : address.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return new ArtifactManifest(ArtifactManifest.FILE, last.isEmpty() || last.equals("..") ? "artifact" : last,
        "system.Artifact", -1, "", List.of(), List.of(), Map.of());
  }

  /**
   * Downloads the artifact at {@code address} to {@code target} (which must not exist yet), checking
   * every file's size and digest against the manifest. On any failure {@code target} is removed.
   */
  public static ArtifactManifest download(Storage storage, URI address, Path target) throws IOException {
    return download(storage, address, manifest(storage, address), target);
  }

  /** {@link #download(Storage, URI, Path)} with the manifest already read ({@link #manifest}). */
  public static ArtifactManifest download(Storage storage, URI address, ArtifactManifest manifest, Path target)
      throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ArtifactException(target + " exists already");
    }
    boolean done = false;
    try {
      if (manifest.isDirectory()) {
        Files.createDirectories(target);
        for (String directory : manifest.directories()) {
          Files.createDirectories(inside(target, directory));
        }
        for (ArtifactManifest.Entry file : manifest.files()) {
          Path local = inside(target, file.path());
          Files.createDirectories(local.getParent());
          fetch(storage, child(address, file.path()), local, file.size(), file.sha256());
        }
      } else {
        Files.createDirectories(target.toAbsolutePath().getParent());
        fetch(storage, address, target, manifest.size(), manifest.sha256());
      }
      done = true;
      return manifest;
    } finally {
      if (!done) {
        deleteTree(target);
      }
    }
  }

  /** Removes a file or directory tree if it exists, without following links. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void fetch(Storage storage, URI address, Path local, long size, String sha256) throws IOException {
    Path partial = local.resolveSibling(local.getFileName() + ".partial");
    MessageDigest digest = sha256();
    long copied;
    try (InputStream in = storage.read(address);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
      copied = in.transferTo(out);
    } catch (ObjectNotFoundException e) {
      Files.deleteIfExists(partial);
      throw new ArtifactException("part of the artifact is missing: " + e.getMessage());
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (size >= 0 && copied != size || !sha256.isEmpty() && !actual.equals(sha256)) {
      Files.deleteIfExists(partial);
      throw new ArtifactException(address + " does not match its manifest (" + copied + " bytes, sha256 " + actual
          + "; expected " + size + " bytes, sha256 " + sha256 + "): it was changed or cut short");
    }
    Files.move(partial, local, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String put(Storage storage, URI address, Path file) throws IOException {
    MessageDigest digest = sha256();
    storage.write(address, out -> {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
    });
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void putManifest(Storage storage, URI address, ArtifactManifest manifest) throws IOException {
    byte[] bytes = manifest.toJson().getBytes(StandardCharsets.UTF_8);
    storage.write(manifestAddress(address), out -> out.write(bytes));
  }

  private static Optional<String> readText(Storage storage, URI address) throws IOException {
    try (InputStream in = storage.read(address)) {
      return Optional.of(new String(in.readNBytes(16 * 1024 * 1024), StandardCharsets.UTF_8));
    } catch (ObjectNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The digest of a directory: SHA-256 over its sorted {@code path size sha256} lines. */
  static String listingDigest(List<ArtifactManifest.Entry> entries) {
    MessageDigest digest = sha256();
    for (ArtifactManifest.Entry entry : entries) {
      digest.update((entry.path() + ' ' + entry.size() + ' ' + entry.sha256() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String fileName(Path local) {
    Path name = local.toAbsolutePath().normalize().getFileName();
    return name == null ? "artifact" : name.toString();
  }

  /**
   * Copies the artifact at {@code from} to {@code to} object by object (streamed; between two
   * {@code file://} addresses the bytes move in the kernel), checking each file against the manifest,
   * and writes the manifest last.
   *
   * @throws ArtifactException if {@code from} has no manifest or does not match it
   */
  public static ArtifactManifest copy(Storage storage, URI from, URI to) throws IOException {
    ArtifactManifest manifest = find(storage, from).orElseThrow(() -> new ArtifactException("no artifact at " + from));
    if (manifest.isDirectory()) {
      for (ArtifactManifest.Entry file : manifest.files()) {
        copyObject(storage, child(from, file.path()), child(to, file.path()), file.size(), file.sha256());
      }
    } else {
      copyObject(storage, from, to, manifest.size(), manifest.sha256());
    }
    putManifest(storage, to, manifest);
    return manifest;
  }

  private static void copyObject(Storage storage, URI from, URI to, long size, String sha256) throws IOException {
    MessageDigest digest = sha256();
    long[] copied = new long[1];
    try (InputStream in = storage.read(from)) {
      storage.write(to, out -> {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          copied[0] += n;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (copied[0] != size || !actual.equals(sha256)) {
          // Thrown inside the writer: the store discards the half-written object.
          throw new ArtifactException(from + " does not match its manifest (" + copied[0] + " bytes, sha256 " + actual
              + "; expected " + size + " bytes, sha256 " + sha256 + ")");
        }
      });
    } catch (ObjectNotFoundException e) {
      throw new ArtifactException("part of the artifact is missing: " + e.getMessage());
    }
  }

  /**
   * Deletes the artifact at {@code address}: its manifest first (so it stops existing for readers),
   * then its objects.
   */
  public static void delete(Storage storage, URI address, ArtifactManifest manifest) throws IOException {
    storage.delete(manifestAddress(address));
    if (manifest.isDirectory()) {
      for (ArtifactManifest.Entry file : manifest.files()) {
        storage.delete(child(address, file.path()));
      }
    } else {
      storage.delete(address);
    }
  }

  private static String relative(Path root, Path path) {
    StringBuilder text = new StringBuilder();
    for (Path part : root.relativize(path)) {
      text.append(text.length() == 0 ? "" : "/").append(part);
    }
    return text.toString();
  }

  private static URI child(URI address, String relativePath) {
    StringBuilder encoded = new StringBuilder(address.toString()).append('/');
    for (String part : relativePath.split("/")) {
      encoded.append(encoded.charAt(encoded.length() - 1) == '/' ? "" : "/").append(encodeSegment(part));
    }
    return URI.create(encoded.toString());
  }

  private static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  /** {@code relativePath} under {@code root}, refusing {@code ..}, absolute paths and other escapes. */
  private static Path inside(Path root, String relativePath) throws ArtifactException {
    Path resolved = root.resolve(relativePath).normalize();
    if (relativePath.isEmpty() || relativePath.startsWith("/") || !resolved.startsWith(root.normalize())
        || resolved.equals(root.normalize())) {
      throw new ArtifactException("the manifest names '" + relativePath + "', which is not a path inside the artifact");
    }
    return resolved;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
