package dev.kfp4j.runtime.context;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run context: parsing and canonical output, value names (nested tasks with slashes), and every refusal with
 * its message: malformed or truncated JSON, duplicate keys, unknown fields, bad run ids and addresses, and
 * credentials (credential-like names, user info, pre-signed queries) never echoed.
 */
class RunContextTest {

  private static final String ROOT = "file:///runs/r1/";

  private static String context(String values) {
    return "{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"values\":{" + values + "}}";
  }

  private static String parseError(String json) {
    return assertThrows(ContextException.class, () -> RunContext.parse(json)).getMessage();
  }

  @Test
  void theNameRuleIsTheRegularExpressionItReplaces() {
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile(
        "(?=.{1,253}$)[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*");
    for (String name : List.of("a", "add", "inner/add", "a/b/c", "_x.y-z", "9", "a.b/c-d_e", "", "/a", "a/", "a//b",
        ".a", "-a", "a/.b", "a/-", "a b", "\u00e4", "a:b", "a\n", "x".repeat(253), "x".repeat(254), "a/" + "x".repeat(251))) {
      assertEquals(rule.matcher(name).matches(), RunContext.isName(name, 253), name);
    }
    assertFalse(RunContext.isName("x".repeat(201), 200));
  }

  @Test
  void parsesAndLooksUpValues() throws Exception {
    RunContext context = RunContext.parse(context("\"numbers\":\"file:///runs/r1/numbers.json\""));
    assertEquals("r1", context.runId());
    assertEquals(URI.create(ROOT), context.root());
    assertEquals(Optional.of(URI.create("file:///runs/r1/numbers.json")), context.address("numbers"));
    assertEquals(Optional.empty(), context.address("sum"));
  }

  @Test
  void serializesCanonicallyWhateverTheInputOrder() throws Exception {
    String shuffled = "{\"values\":{\"z\":\"file:///runs/r1/z.json\",\"add.Output\":\"file:///runs/r1/add/Output.json\"},"
        + "\"root\":\"" + ROOT + "\",\"runId\":\"r1\"}";
    String canonical = "{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"values\":{"
        + "\"add.Output\":\"file:///runs/r1/add/Output.json\",\"z\":\"file:///runs/r1/z.json\"}}";
    RunContext context = RunContext.parse(shuffled);
    assertEquals(canonical, context.toJson());
    assertEquals(context, RunContext.parse(context.toJson()));
    assertEquals(canonical, RunContext.parse(canonical).toJson());
  }

  @Test
  void withAddsAValueAndLeavesTheOriginalUnchanged() throws Exception {
    RunContext empty = RunContext.create("r1", URI.create(ROOT));
    RunContext added = empty.with("add.Output", URI.create("file:///runs/r1/add/Output.json"));
    assertTrue(empty.values().isEmpty());
    assertEquals(List.of("add.Output"), List.copyOf(added.values().keySet()));
    assertEquals(added, RunContext.parse(added.toJson()));
    assertEquals("{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"values\":{}}", empty.toJson());
  }

  @Test
  void valuesMayBeOmitted() throws Exception {
    assertTrue(RunContext.parse("{\"runId\":\"r1\",\"root\":\"" + ROOT + "\"}").values().isEmpty());
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    String message = parseError("{\"runId\":\"r1\",\n \"root\": }");
    assertTrue(message.startsWith("context is not valid JSON (line 2, column "), message);
  }

  @Test
  void truncatedJson() {
    String message = parseError("{\"runId\":");
    assertTrue(message.startsWith("context is not valid JSON (line 1, column 10): Unexpected end-of-input"), message);
  }

  @Test
  void jsonOverAParserLimitHasNoLocationAndStillGetsAMessage() {
    // Jackson's StreamConstraintsException carries no location.
    String message = parseError("{\"runId\":" + "[".repeat(2000));
    assertTrue(message.startsWith("context is not valid JSON: Document nesting depth"), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void emptyContextIsRefused() {
    assertTrue(parseError("  ").startsWith("context is empty"));
    assertTrue(parseError(null).startsWith("context is empty"));
  }

  @Test
  void trailingContentIsRefused() {
    assertTrue(parseError(context("") + " {}").startsWith("context is not valid JSON"));
  }

  @Test
  void duplicateKeysAreRefused() {
    String message = parseError("{\"runId\":\"r1\",\"runId\":\"r2\",\"root\":\"" + ROOT + "\"}");
    assertTrue(message.contains("Duplicate field 'runId'"), message);
  }

  @Test
  void notAnObject() {
    assertEquals("context must be a JSON object, found ARRAY", parseError("[1,2]"));
    assertEquals("context must be a JSON object, found STRING", parseError("\"file:///x\""));
  }

  @Test
  void missingRunIdOrRoot() {
    assertEquals("context has no 'runId'", parseError("{\"root\":\"" + ROOT + "\"}"));
    assertEquals("context has no 'root'", parseError("{\"runId\":\"r1\"}"));
  }

  @Test
  void unknownField() {
    assertEquals("context has unknown field 'extra'; allowed: runId, root, values",
        parseError("{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"extra\":1}"));
  }

  @Test
  void nonStringValues() {
    assertEquals("context field 'runId' must be a string, found NUMBER", parseError("{\"runId\":1,\"root\":\"" + ROOT + "\"}"));
    assertEquals("context value 'n' must be an address string, found NUMBER", parseError(context("\"n\":5")));
    assertEquals("context field 'values' must be an object of name → address",
        parseError("{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"values\":[]}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "../x", ".hidden", "x//y", "x/", "/x", "x/../y", "ü"})
  void badValueNames(String name) {
    String message = parseError(context("\"" + name + "\":\"file:///runs/r1/x.json\""));
    assertEquals("context value name '" + name + "' is not valid; use letters, digits, '_', '.', '-',"
        + " and '/' between segments", message);
  }

  @Test
  void nestedTaskValueNamesUseSlashes() throws Exception {
    RunContext context = RunContext.parse(context("\"inner/summarize.mean\":\"file:///runs/r1/inner/summarize/mean.json\""));
    assertEquals(URI.create("file:///runs/r1/inner/summarize/mean.json"), context.address("inner/summarize.mean").orElseThrow());
  }

  @Test
  void badRunId() {
    assertTrue(parseError("{\"runId\":\"r 1\",\"root\":\"" + ROOT + "\"}").startsWith("context runId 'r 1' is not valid"));
    assertThrows(ContextException.class, () -> RunContext.create("../up", URI.create(ROOT)));
  }

  @Test
  void badAddresses() {
    assertTrue(parseError(context("\"n\":\"relative/x.json\"")).startsWith("context value 'n': "));
    assertTrue(parseError(context("\"n\":\"file:///runs/r1/../x.json\"")).contains("dot segments"));
    assertTrue(parseError("{\"runId\":\"r1\",\"root\":\"not a uri\"}").startsWith("context root: "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth", "token", "password", "api_key", "access-key", "apiKey", "AWS_SECRET_ACCESS_KEY",
      "authToken", "db.password", "client_secret", "Authorization", "credentials", "session.token", "PRIVATE_KEY"})
  void credentialLikeValueNamesAreRefused(String name) {
    String message = parseError(context("\"" + name + "\":\"file:///runs/r1/x.json\""));
    assertAll(
        () -> assertTrue(message.startsWith("context value '" + name + "' looks like a credential"), message),
        () -> assertTrue(message.contains("environment") && message.contains("Secret"), message));
    assertThrows(ContextException.class, () -> RunContext.create("r1", URI.create(ROOT)).with(name, URI.create(ROOT + "x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "password", "apiKey", "auth"})
  void credentialLikeTopLevelFieldsAreRefused(String field) {
    String message = parseError("{\"runId\":\"r1\",\"root\":\"" + ROOT + "\",\"" + field + "\":\"hunter2\"}");
    assertTrue(message.startsWith("context field '" + field + "' looks like a credential"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"author", "tokenizer", "tokens", "authors.list", "keyboard", "monkey", "passes", "secretary"})
  void wordsThatMerelyContainACredentialWordAreAllowed(String name) throws Exception {
    RunContext context = RunContext.parse(context("\"" + name + "\":\"file:///runs/r1/x.json\""));
    assertTrue(context.address(name).isPresent());
  }

  @Test
  void userInfoInAnAddressIsRefusedWithoutEchoingThePassword() {
    String message = parseError(context("\"n\":\"s3://AKIAEXAMPLE:hunter2@bucket/runs/x.json\""));
    assertTrue(message.contains("user info"), message);
    assertFalse(message.contains("hunter2"), message);
    assertFalse(message.contains("AKIAEXAMPLE"), message);
    // A bucket name that is not a valid host name makes the authority "registry based"; still caught.
    String registry = parseError(context("\"n\":\"s3://AKIAEXAMPLE:hunter2@my_bucket/x.json\""));
    assertTrue(registry.contains("user info"), registry);
    assertFalse(registry.contains("hunter2"), registry);
  }

  @Test
  void aPreSignedQueryIsRefusedWithoutEchoingIt() {
    String message = parseError(context("\"n\":\"s3://bucket/x.json?X-Amz-Signature=abc123\""));
    assertTrue(message.contains("query"), message);
    assertFalse(message.contains("abc123"), message);
  }
}
