package dev.kfp4j.runtime.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks and joins storage addresses (absolute URIs such as {@code file:///…} or {@code s3://bucket/key}). */
public final class Addresses {

  private Addresses() {}

  /** The address as it may be shown: without user info and query, which may carry secrets. */
  public static String redact(URI address) {
    if (address == null) {
      return "<no address>";
    }
    if (address.getRawUserInfo() == null && address.getRawQuery() == null) {
      return address.toString();
    }
    try {
      return new URI(address.getScheme(), null, address.getHost(), address.getPort(),
              address.getPath(), null, null).toString()
          + (address.getRawQuery() == null ? "" : "?<redacted>");
    } catch (URISyntaxException e) {
      return address.getScheme() + ":<redacted>";
    }
  }

  /**
   * Parses a textual address, refusing what no backend should be handed: relative addresses, user
   * info (credentials), dot segments ({@code ..} escapes, also percent-encoded), and fragments.
   */
  public static URI parse(String text) throws AddressRefusedException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new AddressRefusedException(URI.create("invalid:address"),
          "not a valid URI (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    check(uri);
    return uri;
  }

  /** Checks an address as {@link #parse} does. */
  public static URI check(URI uri) throws AddressRefusedException {
    if (!uri.isAbsolute() || uri.isOpaque()) {
      throw new AddressRefusedException(uri, "not an absolute hierarchical URI such as file:///data/x.json or s3://bucket/key");
    }
    if (uri.getRawUserInfo() != null) {
      throw new AddressRefusedException(uri,
          "user info in an address is not allowed; give credentials to the storage client through the environment");
    }
    if (uri.getRawFragment() != null) {
      throw new AddressRefusedException(uri, "a fragment (#…) is not allowed in a storage address");
    }
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (String segment : rawPath.split("/", -1)) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (decoded.equals("..") || decoded.equals(".")) {
        throw new AddressRefusedException(uri, "dot segments ('.' or '..') are not allowed");
      }
      if (segment.toLowerCase(Locale.ROOT).contains("%2f") || segment.contains("%5c") || segment.contains("%5C")
          || segment.contains("\\")) {
        throw new AddressRefusedException(uri, "encoded or backslash path separators are not allowed");
      }
    }
    return uri;
  }

  /** Whether {@code address} lies under {@code root}: same scheme and authority, path below the root's at a '/' boundary. */
  public static boolean isUnder(URI address, URI root) {
    if (!eq(address.getScheme(), root.getScheme()) || !eq(address.getRawAuthority(), root.getRawAuthority())) {
      return false;
    }
    String rootPath = root.getRawPath() == null || root.getRawPath().isEmpty() ? "/" : root.getRawPath();
    String path = address.getRawPath() == null ? "" : address.getRawPath();
    if (!rootPath.endsWith("/")) {
      rootPath = rootPath + "/";
    }
    return path.startsWith(rootPath) && path.length() > rootPath.length();
  }

  /** {@code root} with the relative path {@code child} (segments separated by '/') appended. */
  public static URI resolve(URI root, String child) {
    String base = root.toString();
    return URI.create(base.endsWith("/") ? base + child : base + "/" + child);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }
}
