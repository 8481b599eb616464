package dev.kfp4j.runtime.secret;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that is about to be shown: an error body a server sent back (which
 * may echo the request's headers), an exception message, a URL. One rule for every client, so the
 * Argo commands, the KFP client and the runtime hide the same things:
 *
 * <ul>
 *   <li>every secret the caller knows (a token, each value of a cookie), wherever it appears;</li>
 *   <li>the value of an {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 *       {@code Set-Cookie} or {@code X-Auth-Token} header, in header form ({@code Name: value}) and in
 *       JSON form ({@code "Name": "value"} or {@code "Name": ["value"]});</li>
 *   <li>{@code Bearer …} and {@code Basic …} credentials anywhere;</li>
 *   <li>JSON fields and query parameters named like a credential ({@code token}, {@code password},
 *       {@code X-Amz-Signature}, {@code sig}, …);</li>
 *   <li>the user info of a URL ({@code https://user:password@host}).</li>
 * </ul>
 */
public final class Redaction {

  /** What a removed secret is replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final String HEADER_NAMES = "(?:proxy-)?authorization|cookie|set-cookie|x-auth-token|x-api-key|api-key";
  private static final String FIELD_NAMES = "[a-z0-9_\\-]*(?:token|password|passwd|secret|credential|credentials|apikey|api_key"
      + "|access_key|accesskey|secret_key|secretkey|private_key|privatekey|signature|session_key)";
  private static final String QUERY_NAMES = "x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature"
      + "|x-goog-credential|signature|sig|token|access_token|id_token|refresh_token|awsaccesskeyid|password|api_key|apikey";

  private static final List<Rule> RULES = List.of(
      // "Authorization": "Bearer abc"  /  "Authorization": ["Bearer abc"]  (a JSON echo of the request headers)
      new Rule(Pattern.compile("(\"(?:" + HEADER_NAMES + ")\"\\s*:\\s*\\[?\\s*\")((?:\\\\.|[^\"\\\\])*)(\")",
          Pattern.CASE_INSENSITIVE), "$1" + REDACTED + "$3"),
      // Authorization: Bearer abc   (header form, up to the end of the line or a quote)
      new Rule(Pattern.compile("(?<![\\w\"-])((?:" + HEADER_NAMES + ")\\s*[:=]\\s*)([^\\r\\n\"',;}\\]]+)",
          Pattern.CASE_INSENSITIVE), "$1" + REDACTED),
      new Rule(Pattern.compile("\\b(Bearer|Basic)\\s+[A-Za-z0-9\\-._~+/]+=*", Pattern.CASE_INSENSITIVE), "$1 " + REDACTED),
      // "token": "abc", "password": "abc"
      new Rule(Pattern.compile("(\"" + FIELD_NAMES + "\"\\s*:\\s*\")((?:\\\\.|[^\"\\\\])*)(\")", Pattern.CASE_INSENSITIVE),
          "$1" + REDACTED + "$3"),
      // ?X-Amz-Signature=abc&…
      new Rule(Pattern.compile("([?&](?:" + QUERY_NAMES + ")=)([^&\\s\"'#]+)", Pattern.CASE_INSENSITIVE), "$1" + REDACTED),
      // scheme://user:password@host
      new Rule(Pattern.compile("\\b([a-z][a-z0-9+.\\-]*://)[^/\\s@\"']+@", Pattern.CASE_INSENSITIVE), "$1" + REDACTED + "@"));

  private Redaction() {}

  /** {@code text} without credentials, by the rules above. */
  public static String redact(String text) {
    return redact(text, List.of());
  }

  /** {@code text} without the given secrets (those of at least 4 characters) and without credentials by the rules above. */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = text;
    for (String secret : secrets) {
      // Short fragments would blank out ordinary words.
      if (secret != null && secret.length() >= 4) {
        redacted = redacted.replace(secret, REDACTED);
      }
    }
    for (Rule rule : RULES) {
      redacted = rule.apply(redacted);
    }
    return redacted;
  }

  private record Rule(Pattern pattern, String replacement) {
    String apply(String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
  }
}
