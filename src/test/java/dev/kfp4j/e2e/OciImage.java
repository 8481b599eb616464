package dev.kfp4j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An image as {@code jib:buildTar} writes it with {@code <format>OCI</format>}: an OCI image layout
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}) in a tar. Reads the index, the manifest,
 * the config and every layer's files, checking each blob against its digest on the way.
 */
final class OciImage {

  /** One file, folder or link of the image's file system (the last layer that has it wins). */
  record Entry(String path, char type, int mode, byte[] content, String link) {
    boolean isFile() {
      return type == '0' || type == '\0';
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, byte[]> blobs;
  private final String manifestDigest;
  private final String refName;
  private final JsonNode manifest;
  private final JsonNode config;
  private final Map<String, Entry> files = new TreeMap<>();
  private final List<String> layerDigests;
  private final List<List<String>> layerFiles = new java.util.ArrayList<>();

  private OciImage(Map<String, byte[]> blobs, JsonNode index) throws IOException {
    this.blobs = blobs;
    JsonNode descriptor = index.path("manifests").path(0);
    this.manifestDigest = descriptor.path("digest").asText();
    this.refName = descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText("");
    this.manifest = JSON.readTree(blob(manifestDigest));
    this.config = JSON.readTree(blob(manifest.path("config").path("digest").asText()));
    List<String> layers = new java.util.ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      String digest = layer.path("digest").asText();
      layers.add(digest);
      List<String> inLayer = new java.util.ArrayList<>();
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob(digest)))) {
        readTar(in, entry -> {
          files.put(entry.path(), entry);
          if (entry.isFile()) {
            inLayer.add(entry.path());
          }
        });
      }
      layerFiles.add(List.copyOf(inLayer));
    }
    this.layerDigests = List.copyOf(layers);
  }

  /** Reads the image in {@code tar}. */
  static OciImage read(Path tar) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar)) {
      readTar(new java.io.BufferedInputStream(in), entry -> {
        if (entry.isFile()) {
          members.put(entry.path().substring(1), entry.content()); // "/index.json" → "index.json"
        }
      });
    }
    byte[] index = members.get("index.json");
    if (index == null || !members.containsKey("oci-layout")) {
      throw new IOException(tar + " is not an OCI image layout (no index.json / oci-layout): " + members.keySet());
    }
    return new OciImage(members, JSON.readTree(index));
  }

  /** The manifest's digest ({@code sha256:…}): what a registry and {@code podman} call the image's digest. */
  String digest() {
    return manifestDigest;
  }

  /** The image's name as the tar records it ({@code org.opencontainers.image.ref.name}). */
  String refName() {
    return refName;
  }

  /** The image config's {@code config} part: {@code Entrypoint}, {@code Cmd}, {@code WorkingDir}, {@code Env}. */
  JsonNode runConfig() {
    return config.path("config");
  }

  /** The layer digests, bottom first. */
  List<String> layerDigests() {
    return layerDigests;
  }

  /** The regular files of each layer, bottom first (in the order of {@link #layerDigests()}). */
  List<List<String>> layerFiles() {
    return layerFiles;
  }

  /** The image's file system: absolute path (no trailing slash) → entry. */
  Map<String, Entry> files() {
    return files;
  }

  /** Writes the image's regular files under {@code prefix} (e.g. {@code /app}) into {@code target}. */
  void extract(String prefix, Path target) throws IOException {
    for (Entry entry : files.values()) {
      if (entry.isFile() && entry.path().startsWith(prefix + "/")) {
        Path file = target.resolve(entry.path().substring(prefix.length() + 1));
        Files.createDirectories(file.getParent());
        Files.write(file, entry.content());
      }
    }
  }

  private byte[] blob(String digest) throws IOException {
    if (!digest.startsWith("sha256:")) {
      throw new IOException("unexpected digest " + digest);
    }
    byte[] bytes = blobs.get("blobs/sha256/" + digest.substring(7));
    if (bytes == null) {
      throw new IOException("blob " + digest + " is missing from the image tar");
    }
    String actual = sha256(bytes);
    if (!actual.equals(digest)) {
      throw new IOException("blob " + digest + " has digest " + actual);
    }
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A minimal tar reader: ustar names with prefix, PAX {@code path}/{@code linkpath}, GNU long names. */
  private static void readTar(InputStream in, java.util.function.Consumer<Entry> sink) throws IOException {
    byte[] header = new byte[512];
    String longName = null;
    String longLink = null;
    while (true) {
      if (in.readNBytes(header, 0, 512) < 512 || isZero(header)) {
        return;
      }
      String name = text(header, 0, 100);
      int mode = (int) octal(header, 100, 8);
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      String link = text(header, 157, 100);
      if ("ustar".equals(text(header, 257, 5))) {
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      byte[] content = in.readNBytes((int) size);
      if (content.length < size) {
        throw new IOException("truncated tar entry " + name);
      }
      long padding = (512 - size % 512) % 512;
      in.readNBytes((int) padding);
      if (type == 'x') {
        Map<String, String> pax = pax(content);
        longName = pax.getOrDefault("path", longName);
        longLink = pax.getOrDefault("linkpath", longLink);
        continue;
      }
      if (type == 'L' || type == 'K') {
        String value = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        if (type == 'L') {
          longName = value;
        } else {
          longLink = value;
        }
        continue;
      }
      if (longName != null) {
        name = longName;
      }
      if (longLink != null) {
        link = longLink;
      }
      longName = null;
      longLink = null;
      String path = name.startsWith("./") ? name.substring(1) : name;
      path = path.startsWith("/") ? path : "/" + path;
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      // The outer tar's members are relative (index.json); layers' are absolute paths in the image.
      sink.accept(new Entry(path.equals("/") ? "/" : path, type, mode, content, link));
    }
  }

  /** PAX records: {@code "<length> <key>=<value>\n"}, the length in bytes and counting the whole record. */
  private static Map<String, String> pax(byte[] content) {
    Map<String, String> values = new LinkedHashMap<>();
    int at = 0;
    while (at < content.length) {
      int space = at;
      while (space < content.length && content[space] != ' ') {
        space++;
      }
      if (space >= content.length) {
        break;
      }
      int length = Integer.parseInt(new String(content, at, space - at, StandardCharsets.US_ASCII));
      String pair = new String(content, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
      at += length;
    }
    return values;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] bytes, int offset, int length) {
    String value = text(bytes, offset, length).trim();
    return value.isEmpty() ? 0 : Long.parseLong(value, 8);
  }
}
