package dev.kfp4j.runtime.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a name looks like it holds a credential. Names are split into words (at '.', '_',
 * '-' and camelCase boundaries) and only whole words count, so {@code author}, {@code tokenizer} or
 * {@code tokens} stay usable while {@code token}, {@code authToken} or {@code aws_secret_access_key}
 * do not.
 */
final class CredentialNames {

  private static final Set<String> WORDS = Set.of("auth", "authorization", "bearer", "token", "password",
      "passwd", "pwd", "passphrase", "secret", "credential", "credentials", "cookie", "apikey", "accesskey",
      "secretkey", "privatekey", "sessionkey");
  private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private", "session");

  private CredentialNames() {}

  static boolean looksLikeCredential(String name) {
    List<String> words = words(name);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (WORDS.contains(word)) {
        return true;
      }
      if (word.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** {@code "myAPIKey.v2"} → [my, api, key, v2]. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        // "authToken" splits before 'T'; "APIKey" splits before 'K' (an acronym ends where a word starts).
        if (Character.isLowerCase(previous) || Character.isDigit(previous)
            || (Character.isUpperCase(previous) && nextIsLower)) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
