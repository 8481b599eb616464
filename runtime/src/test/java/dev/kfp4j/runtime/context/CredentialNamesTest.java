package dev.kfp4j.runtime.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a value or field name is split into words, and which words make it credential-like (a key needs a qualifier before it). */
class CredentialNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "authToken           | auth token",
      "myAPIKey.v2         | my api key v2",
      "AWS_SECRET_ACCESS_KEY | aws secret access key",
      "add.Output          | add output",
      "x-2Token            | x 2 token",
      "tokenizer           | tokenizer",
      "HTTPServer          | http server",
  })
  void splitsIntoWords(String name, String words) {
    assertEquals(List.of(words.split(" ")), CredentialNames.words(name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sessionKey  | true", "secret_key | true", "key        | false", "monkey     | false",
      "keys.api    | false", "api.keys  | false", "passwd     | true", "Cookie     | true",
  })
  void keyNeedsAQualifierBeforeIt(String name, boolean credential) {
    assertEquals(credential, CredentialNames.looksLikeCredential(name));
  }
}
