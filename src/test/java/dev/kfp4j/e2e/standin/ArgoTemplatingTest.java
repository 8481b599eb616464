package dev.kfp4j.e2e.standin;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Argo substitution stand-in on the cases the specs depend on. In particular an unescaped {@code {{…}}} in a
 * constant would be substituted, so the constants that arrive intact in ArgoWorkflowExecutionTest show the
 * processor's escaping at work, not a lenient stand-in.
 */
class ArgoTemplatingTest {

  private static final Map<String, String> VALUES = Map.of("workflow.name", "wf-1",
      "inputs.parameters.contexts", "[{\"runId\":\"wf-1\"}]");

  @Test
  void aTagIsReplacedByItsValueEscapedForTheJsonStringItIsIn() {
    assertThat(ArgoTemplating.replace("{\"args\":[\"--contexts\",\"{{inputs.parameters.contexts}}\"]}", VALUES))
        .isEqualTo("{\"args\":[\"--contexts\",\"[{\\\"runId\\\":\\\"wf-1\\\"}]\"]}");
    assertThat(ArgoTemplating.replace("\"{{ workflow.name }}\"", VALUES)).isEqualTo("\"wf-1\"");
  }

  @Test
  void anUnescapedTagInAConstantWouldBeSubstitutedButTheProcessorsEscapedFormIsNot() {
    // The inputs argument as JSON inside the template's JSON: {"label":{"value":"mean={{workflow.name}}"}}
    assertThat(ArgoTemplating.replace("\"{\\\"label\\\":{\\\"value\\\":\\\"mean={{workflow.name}}\\\"}}\"", VALUES))
        .isEqualTo("\"{\\\"label\\\":{\\\"value\\\":\\\"mean=wf-1\\\"}}\"");
    String escaped = "\"{\\\"label\\\":{\\\"value\\\":\\\"mean=\\\\u007b\\\\u007bworkflow.name}}\\\"}}\"";
    assertThat(ArgoTemplating.replace(escaped, VALUES)).isEqualTo(escaped);
  }

  @Test
  void unknownTagsStayAndAnUnclosedTagIsRefusedAsArgoDoes() {
    assertThat(ArgoTemplating.replace("\"{{tasks.add.outputs.parameters.context}}\"", VALUES))
        .isEqualTo("\"{{tasks.add.outputs.parameters.context}}\"");
    assertThrows(IllegalStateException.class, () -> ArgoTemplating.replace("\"{{workflow.name\"", VALUES));
    assertThrows(IllegalStateException.class, () -> ArgoTemplating.replace("\"{{=sprig.trim('x')}}\"", VALUES));
  }

  @Test
  void controlCharactersAreQuotedAsGoQuotesThem() {
    assertThat(ArgoTemplating.quote("a\"b\\c\nd\te\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\te\\x01");
  }
}
