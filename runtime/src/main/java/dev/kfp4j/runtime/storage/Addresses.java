package dev.kfp4j.runtime.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks and joins storage addresses (absolute URIs such as {@code file:///…} or {@code s3://bucket/key}). */
public final class Addresses {

  private Addresses() {}

  /**
   * The address as it may be shown: without user info and query, which may carry secrets. Works on
   * any URI, also one that {@link #check} would refuse.
   */
  public static String redact(URI address) {
    if (address == null) {
      return "<no address>";
    }
    // getRawUserInfo() is null for a registry-based authority ("user:pw@my_bucket" is not a valid
    // host name), so the raw authority is what tells whether credentials are there.
    String authority = address.getRawAuthority();
    boolean userInfo = authority != null && authority.contains("@");
    if (!userInfo && address.getRawQuery() == null) {
      return address.isOpaque() ? address.getScheme() + ":<redacted>" : withoutFragment(address);
    }
    if (address.isOpaque()) {
      return address.getScheme() + ":<redacted>";
    }
    StringBuilder text = new StringBuilder();
    if (address.getScheme() != null) {
      text.append(address.getScheme()).append(':');
    }
    if (authority != null) {
      text.append("//").append(userInfo ? "<redacted>@" + authority.substring(authority.lastIndexOf('@') + 1) : authority);
    } else if (address.getRawSchemeSpecificPart().startsWith("//")) {
      text.append("//"); // file:///tmp/x has an empty authority, which must not lose its slashes
    }
    text.append(address.getRawPath() == null ? "" : address.getRawPath());
    if (address.getRawQuery() != null) {
      text.append("?<redacted>");
    }
    return text.toString();
  }

  /**
   * Parses a textual address, refusing what no backend should be handed: relative addresses, user
   * info or a query (both may carry credentials), dot segments ({@code ..} escapes, also
   * percent-encoded), encoded separators, and fragments.
   */
  public static URI parse(String text) throws AddressRefusedException {
    if (text == null || text.isBlank()) {
      throw new AddressRefusedException(null, "the address is empty");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      // The text itself is not echoed: an unparseable address may still hold a credential.
      throw new AddressRefusedException(null, "not a valid URI (" + e.getReason() + " at index " + e.getIndex()
          + "); percent-encode spaces and other special characters");
    }
    check(uri);
    return uri;
  }

  /** Checks an address as {@link #parse} does. */
  public static URI check(URI uri) throws AddressRefusedException {
    if (uri == null) {
      throw new AddressRefusedException(null, "no address given");
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      throw new AddressRefusedException(uri, "not an absolute hierarchical URI such as file:///data/x.json or s3://bucket/key");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && authority.contains("@")) {
      throw new AddressRefusedException(uri,
          "user info in an address is not allowed; give credentials to the storage client through the environment");
    }
    if (uri.getRawQuery() != null) {
      throw new AddressRefusedException(uri,
          "a query (?…) is not allowed in a storage address: it may carry credentials (e.g. a pre-signed URL)");
    }
    if (uri.getRawFragment() != null) {
      throw new AddressRefusedException(uri, "a fragment (#…) is not allowed in a storage address");
    }
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (String segment : rawPath.split("/", -1)) {
      String lower = segment.toLowerCase(Locale.ROOT);
      String decoded = lower.replace("%2e", ".");
      if (decoded.equals("..") || decoded.equals(".")) {
        throw new AddressRefusedException(uri, "dot segments ('.' or '..') are not allowed");
      }
      if (lower.contains("%2f") || lower.contains("%5c") || segment.contains("\\")) {
        throw new AddressRefusedException(uri, "encoded or backslash path separators are not allowed");
      }
      if (lower.contains("%00")) {
        throw new AddressRefusedException(uri, "a NUL character (%00) is not allowed in a storage address");
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

  private static String withoutFragment(URI address) {
    String text = address.toString();
    int hash = address.getRawFragment() == null ? -1 : text.lastIndexOf('#');
    return hash < 0 ? text : text.substring(0, hash);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }
}
