package dev.kfp4j.runtime.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Storage addresses: which pass and which are refused (with the reason, never echoing user info or a query), redaction, the root rule, resolving below a root. */
class AddressesTest {

  private static String refusal(String address) {
    return assertThrows(AddressRefusedException.class, () -> Addresses.parse(address)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///runs/a/x.json", "s3://bucket/runs/a/x.json", "file://localhost/runs/a/x.json",
      "file:///runs/a/with%20space.json", "s3://bucket/a..b/x"})
  void plainAddressesPass(String address) throws Exception {
    assertEquals(URI.create(address), Addresses.parse(address));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "file:///runs/a/../b/x.json       | dot segments",
      "file:///runs/a/./x.json          | dot segments",
      "file:///runs/a/%2e%2e/b/x.json   | dot segments",
      "file:///runs/a/%2E./b/x.json     | dot segments",
      "file:///runs/a/%2fetc/x.json     | encoded or backslash",
      "file:///runs/a/%2F..%2Fx.json    | encoded or backslash",
      "file:///runs/a/%5c../x.json      | encoded or backslash",
      "file:///runs/a/x%00.json         | NUL",
      "runs/a/x.json                    | not an absolute",
      "/runs/a/x.json                   | not an absolute",
      "mailto:someone@example.com       | not an absolute",
      "file:///runs/a/x.json#frag       | fragment",
      "s3://key:secret@bucket/x.json    | user info",
      "s3://bucket/x.json?token=abc     | query",
  })
  void refusedWithAReason(String address, String reason) {
    String message = refusal(address);
    assertTrue(message.contains(reason), message);
  }

  @Test
  void backslashesAreRefused() throws Exception {
    // A literal backslash is not legal in a URI string, so it is refused before the path check.
    assertThrows(AddressRefusedException.class, () -> Addresses.parse("file:///runs/a/..\\x.json"));
    URI escaped = new URI("file", null, "/runs/a/..\\x.json", null);
    assertTrue(assertThrows(AddressRefusedException.class, () -> Addresses.check(escaped)).getMessage()
        .contains("encoded or backslash"));
  }

  @Test
  void unparseableTextIsNotEchoed() {
    String message = refusal("s3://AKIA:hunter2 secret@bucket/x");
    assertTrue(message.startsWith("address refused: not a valid URI"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void refusalsNeverShowUserInfoOrQuery() {
    for (String address : new String[] {"s3://AKIA:hunter2@bucket/x", "s3://AKIA:hunter2@my_bucket/x",
        "s3://bucket/x?X-Amz-Credential=hunter2", "file:///x/../y?sig=hunter2"}) {
      String message = refusal(address);
      assertFalse(message.contains("hunter2"), message);
      assertFalse(message.contains("AKIA"), message);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "s3://key:secret@bucket/x.json        | s3://<redacted>@bucket/x.json",
      "s3://key:secret@my_bucket/x.json     | s3://<redacted>@my_bucket/x.json",
      "s3://bucket/x.json?X-Amz-Signature=1 | s3://bucket/x.json?<redacted>",
      "https://u:p@host:9000/a?b=c#d        | https://<redacted>@host:9000/a?<redacted>",
      "file:///runs/a/x.json                | file:///runs/a/x.json",
      "file:///runs/a/x.json#access_token=1 | file:///runs/a/x.json",
      "opaque:user:password                 | opaque:<redacted>",
  })
  void redact(String address, String shown) {
    assertEquals(shown, Addresses.redact(URI.create(address)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "file:///runs/a/x.json   | file:///runs/a   | true",
      "file:///runs/a/x.json   | file:///runs/a/  | true",
      "file:///runs/a/b/c.json | file:///runs/a/  | true",
      "file:///runs/ab/x.json  | file:///runs/a   | false",
      "file:///runs/ab/x.json  | file:///runs/a/  | false",
      "file:///runs/a/         | file:///runs/a/  | false",
      "file:///runs/a          | file:///runs/a/  | false",
      "s3://bucket/runs/a/x    | file:///runs/a/  | false",
      "s3://other/runs/a/x     | s3://bucket/runs/a/ | false",
      "s3://bucket/runs/a/x    | s3://bucket/     | true",
      "S3://BUCKET/runs/a/x    | s3://bucket/runs/ | true",
  })
  void isUnder(String address, String root, boolean under) {
    assertEquals(under, Addresses.isUnder(URI.create(address), URI.create(root)));
  }

  @Test
  void resolveAppendsBelowTheRoot() {
    assertEquals(URI.create("file:///runs/a/add/Output.json"), Addresses.resolve(URI.create("file:///runs/a"), "add/Output.json"));
    assertEquals(URI.create("file:///runs/a/add/Output.json"), Addresses.resolve(URI.create("file:///runs/a/"), "add/Output.json"));
  }
}
