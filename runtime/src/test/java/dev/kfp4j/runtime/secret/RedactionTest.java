package dev.kfp4j.runtime.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one redaction every client uses for text that may carry a server's answer. */
class RedactionTest {

  static final String SECRET = "s3cr3t-Tok3n.value_9";

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"headers\":{\"Authorization\":[\"Bearer " + SECRET + "\"]}}",
      "{\"Authorization\": \"Bearer " + SECRET + "\"}",
      "request had Authorization: Bearer " + SECRET + "\nand more",
      "proxy said: authorization=Basic " + SECRET,
      "Cookie: session=" + SECRET,
      "{\"cookie\":\"session=" + SECRET + "\"}",
      "failed with bearer " + SECRET,
      "{\"token\":\"" + SECRET + "\",\"user\":\"x\"}",
      "{\"access_token\": \"" + SECRET + "\"}",
      "GET https://bucket.s3.amazonaws.com/k?X-Amz-Signature=" + SECRET + "&X-Amz-Date=1 failed",
      "https://admin:" + SECRET + "@kfp.example.com/apis failed"})
  void credentialsInEveryFormAreRemoved(String text) {
    String redacted = Redaction.redact(text);
    assertFalse(redacted.contains(SECRET), redacted);
    assertTrue(redacted.contains(Redaction.REDACTED), redacted);
  }

  @Test
  void knownSecretsAreRemovedWherever() {
    assertEquals("the server echoed <redacted> back",
        Redaction.redact("the server echoed opaque1234 back", List.of("opaque1234")));
    assertEquals("a short ab stays", Redaction.redact("a short ab stays", List.of("ab")));
  }

  @Test
  void ordinaryTextStaysAsItIs() {
    for (String text : List.of("unauthorized: the API server refused the credentials of the current context",
        "workflows.argoproj.io \"avg\" already exists", "{\"tokens\":12,\"author\":\"ada\"}",
        "input 'tokenizer' at file:///tmp/x.json: expected int")) {
      assertEquals(text, Redaction.redact(text));
    }
  }
}
