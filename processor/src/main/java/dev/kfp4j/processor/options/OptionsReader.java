package dev.kfp4j.processor.options;

import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.TaskOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks the option annotations of one place (a {@code @Pipeline} method, a {@code @Component} method, a local
 * variable) and turns them into one {@link TaskOptions} layer. Every problem is reported on its annotation value;
 * an invalid option is left out of the layer (the compile fails anyway).
 */
public final class OptionsReader {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  /** Names that usually hold a credential: *_PASSWORD, *_TOKEN, *_SECRET, API_KEY … */
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(^|.*_)(PASSWORD|PASSWD|PWD|PASS|TOKEN|SECRET|SECRET_KEY|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)(_.*|$)",
      Pattern.CASE_INSENSITIVE);

  private OptionsReader() {}

  /** The layer of {@code found}; {@code found} holds every option annotation of one place. */
  public static TaskOptions read(List<OptionAnnotation> found) {
    TaskOptions.Retry retry = null;
    TaskOptions.Resources resources = TaskOptions.Resources.NONE;
    Long timeout = null;
    Map<String, TaskOptions.EnvValue> env = new LinkedHashMap<>();
    Map<String, String> envSource = new HashMap<>();
    Map<String, TaskOptions.SecretVolume> volumes = new TreeMap<>();
    Map<String, String> selector = new TreeMap<>();
    List<TaskOptions.Toleration> tolerations = new ArrayList<>();
    Boolean cache = null;
    String displayName = "";
    String image = "";
    String pullPolicy = "";
    List<String> pullSecrets = new ArrayList<>();
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> annotations = new TreeMap<>();
    for (OptionAnnotation a : found) {
      OptionAnnotation.Where where = a.where();
      switch (a.type()) {
        case "Retry" -> retry = retry(a);
        case "Resources" -> resources = resources(a);
        case "Timeout" -> timeout = timeout(a);
        case "Env" -> {
          String name = a.string("name");
          if (envName(name, "name", where) && unique(name, "@Env", envSource, where, "name")
              & noTag(a, "Env", "value")) {
            env.put(name, new TaskOptions.Literal(a.string("value")));
            if (CREDENTIAL.matcher(name).matches()) {
              where.warning("name", Message.SECRET_IN_ENV, name, name);
            }
          }
        }
        case "SecretEnv" -> {
          String name = a.string("env");
          boolean ok = secretName(a.string("secret"), "Secret", "secret", where) & secretKey(a.string("key"), where);
          if (envName(name, "env", where) && unique(name, "@SecretEnv", envSource, where, "env") && ok) {
            env.put(name, new TaskOptions.SecretKey(a.string("secret"), a.string("key")));
          }
        }
        case "SecretVolume" -> {
          String path = a.string("mountPath");
          boolean ok = secretName(a.string("secret"), "Secret", "secret", where);
          if (!path.startsWith("/")) {
            where.error("mountPath", Message.INVALID_MOUNT_PATH, path, "must be an absolute path, e.g. \"/etc/tls\"");
          } else if (path.contains(":")) {
            where.error("mountPath", Message.INVALID_MOUNT_PATH, path, "must not contain ':'");
          } else if (!noTag(a, "SecretVolume", "mountPath")) {
            ok = false;
          } else if (volumes.containsKey(path)) {
            where.error("mountPath", Message.INVALID_MOUNT_PATH, path, "is already used by another @SecretVolume here; "
                + "mount each Secret at its own path");
          } else if (ok) {
            volumes.put(path, new TaskOptions.SecretVolume(a.string("secret"), path, (Boolean) a.values().get("optional")));
          }
        }
        case "NodeSelector" -> {
          if (qualifiedName("@NodeSelector key", a.string("key"), "key", where)
              & labelValue("@NodeSelector value", a.string("value"), "value", where)) {
            selector.put(a.string("key"), a.string("value"));
          }
        }
        case "Toleration" -> {
          TaskOptions.Toleration toleration = toleration(a);
          if (toleration != null && !tolerations.contains(toleration)) {
            tolerations.add(toleration);
          }
        }
        case "Cache" -> cache = (Boolean) a.values().get("value");
        case "DisplayName" -> displayName = noTag(a, "DisplayName", "value")
            ? notBlank(a, "DisplayName", "give the text the user interfaces show") : "";
        case "Image" -> {
          image = notBlank(a, "Image", "give an image reference such as \"registry.example.com/train:1.2\"");
          if (image.chars().anyMatch(Character::isWhitespace)) {
            where.error("value", Message.BLANK_OPTION, "Image", "an image reference has no spaces");
            image = "";
          } else if (!noTag(a, "Image", "value")) {
            image = "";
          }
        }
        case "ImagePullPolicy" -> {
          pullPolicy = a.string("value");
          if (!List.of("Always", "IfNotPresent", "Never").contains(pullPolicy)) {
            where.error("value", Message.INVALID_PULL_POLICY, pullPolicy);
            pullPolicy = "";
          }
        }
        case "ImagePullSecret" -> {
          if (secretName(a.string("value"), "@ImagePullSecret Secret", "value", where)
              && !pullSecrets.contains(a.string("value"))) {
            pullSecrets.add(a.string("value"));
          }
        }
        case "PodLabel" -> {
          if (qualifiedName("@PodLabel key", a.string("key"), "key", where)
              & labelValue("@PodLabel value", a.string("value"), "value", where)) {
            labels.put(a.string("key"), a.string("value"));
          }
        }
        case "PodAnnotation" -> {
          if (qualifiedName("@PodAnnotation key", a.string("key"), "key", where) & noTag(a, "PodAnnotation", "value")) {
            annotations.put(a.string("key"), a.string("value"));
          }
        }
        default -> throw new IllegalStateException("not an option annotation: " + a.type());
      }
    }
    return new TaskOptions(retry, resources, timeout, env, volumes, selector, tolerations, cache, displayName, image,
        pullPolicy, pullSecrets, labels, annotations);
  }

  /**
   * Checks what only the merged options show: a limit from one place below a request from another. Reported
   * through {@code where} (the most specific place).
   */
  public static void checkMerged(TaskOptions options, OptionAnnotation.Where where) {
    TaskOptions.Resources r = options.resources();
    limitAtLeastRequest("cpuLimit", r.cpuLimit(), r.cpuRequest(), Quantities::cpu, where, null);
    limitAtLeastRequest("memoryLimit", r.memoryLimit(), r.memoryRequest(), Quantities::memory, where, null);
  }

  private static TaskOptions.Retry retry(OptionAnnotation a) {
    OptionAnnotation.Where where = a.where();
    int count = (Integer) a.values().get("value");
    boolean ok = true;
    if (count < 0 || count > 100) {
      where.error("value", Message.INVALID_RETRY, count);
      ok = false;
    }
    Long backoff = duration(a, "backoff", "@Retry(backoff");
    Long max = duration(a, "maxBackoff", "@Retry(maxBackoff");
    double factor = (Double) a.values().get("factor");
    if (!(factor > 0) || Double.isInfinite(factor)) {
      where.error("factor", Message.INVALID_BACKOFF_FACTOR, factor);
      ok = false;
    }
    return ok && backoff != null && max != null ? new TaskOptions.Retry(count, backoff, factor, max) : null;
  }

  private static Long duration(OptionAnnotation a, String attribute, String shown) {
    Long millis = Durations.millis(a.string(attribute));
    if (millis == null) {
      a.where().error(attribute, Message.INVALID_DURATION, shown, a.string(attribute));
    }
    return millis;
  }

  private static Long timeout(OptionAnnotation a) {
    String text = a.string("value");
    Long millis = Durations.millis(text);
    if (millis == null) {
      a.where().error("value", Message.INVALID_DURATION, "@Timeout(value", text);
      return null;
    }
    if (millis < 1000 || millis % 1000 != 0) {
      a.where().error("value", Message.INVALID_TIMEOUT, text);
      return null;
    }
    return millis / 1000;
  }

  private static TaskOptions.Resources resources(OptionAnnotation a) {
    OptionAnnotation.Where where = a.where();
    String cpuRequest = quantity(a, "cpuRequest", true);
    String cpuLimit = quantity(a, "cpuLimit", true);
    String memoryRequest = quantity(a, "memoryRequest", false);
    String memoryLimit = quantity(a, "memoryLimit", false);
    limitAtLeastRequest("cpuLimit", cpuLimit, cpuRequest, Quantities::cpu, where, "cpuLimit");
    limitAtLeastRequest("memoryLimit", memoryLimit, memoryRequest, Quantities::memory, where, "memoryLimit");
    String accelerator = a.string("accelerator");
    int count = (Integer) a.values().get("acceleratorCount");
    if (count < 0) {
      where.error("acceleratorCount", Message.INVALID_ACCELERATOR, "@Resources(acceleratorCount = " + count
          + ") must not be negative");
      count = 0;
    } else if (accelerator.isEmpty() && count > 0) {
      where.error("acceleratorCount", Message.ACCELERATOR_COUNT_WITHOUT_TYPE, count);
      count = 0;
    }
    if (!accelerator.isEmpty()) {
      if (!isQualifiedName(accelerator)) {
        where.error("accelerator", Message.INVALID_ACCELERATOR, "@Resources(accelerator = \"" + accelerator
            + "\") is not a resource name");
        accelerator = "";
        count = 0;
      } else if (count == 0) {
        count = 1; // KFP's set_accelerator_type also asks for one accelerator unless a limit is set
      }
    }
    return new TaskOptions.Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit, accelerator, count);
  }

  private static String quantity(OptionAnnotation a, String attribute, boolean cpu) {
    String text = a.string(attribute);
    if (text.isEmpty()) {
      return "";
    }
    BigDecimal value = cpu ? Quantities.cpu(text) : Quantities.memory(text);
    if (value == null) {
      a.where().error(attribute, Message.INVALID_QUANTITY, "@Resources(" + attribute, text, cpu ? "CPU" : "memory",
          cpu ? "cores (\"2\", \"0.5\") or millicores (\"500m\")"
              : "bytes with an optional suffix and no space (\"512Mi\", \"4Gi\", \"2G\")");
      return "";
    }
    return text;
  }

  private static void limitAtLeastRequest(String name, String limit, String request,
      java.util.function.Function<String, BigDecimal> parse, OptionAnnotation.Where where, String attribute) {
    if (limit.isEmpty() || request.isEmpty()) {
      return;
    }
    BigDecimal l = parse.apply(limit);
    BigDecimal r = parse.apply(request);
    if (l != null && r != null && l.compareTo(r) < 0) {
      where.error(attribute, Message.LIMIT_BELOW_REQUEST, "@Resources " + name, "\"" + limit + "\"",
          name.replace("Limit", "Request"), "\"" + request + "\"");
    }
  }

  private static TaskOptions.Toleration toleration(OptionAnnotation a) {
    OptionAnnotation.Where where = a.where();
    String key = a.string("key");
    String operator = a.string("operator");
    String value = a.string("value");
    String effect = a.string("effect");
    long seconds = (Long) a.values().get("tolerationSeconds");
    boolean ok = true;
    if (!operator.equals("Equal") && !operator.equals("Exists")) {
      where.error("operator", Message.INVALID_TOLERATION, "operator \"" + operator + "\" must be \"Equal\" or \"Exists\"");
      ok = false;
    } else if (operator.equals("Exists") && !value.isEmpty()) {
      where.error("value", Message.INVALID_TOLERATION, "with operator \"Exists\" must not have a value; drop value, "
          + "or use operator \"Equal\"");
      ok = false;
    } else if (key.isEmpty() && !operator.equals("Exists")) {
      where.error(null, Message.INVALID_TOLERATION, "without a key must use operator = \"Exists\" (it then tolerates "
          + "every taint)");
      ok = false;
    }
    if (!key.isEmpty() && !qualifiedName("@Toleration key", key, "key", where)) {
      ok = false;
    }
    if (!value.isEmpty() && !labelValue("@Toleration value", value, "value", where)) {
      ok = false;
    }
    if (!List.of("", "NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
      where.error("effect", Message.INVALID_TOLERATION, "effect \"" + effect
          + "\" must be \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\", or empty for all effects");
      ok = false;
    }
    if (seconds != -1 && (seconds < 0 || !effect.equals("NoExecute"))) {
      where.error("tolerationSeconds", Message.INVALID_TOLERATION, "tolerationSeconds = " + seconds
          + " needs effect = \"NoExecute\" and a value of 0 or more (-1 means no limit)");
      ok = false;
    }
    return ok ? new TaskOptions.Toleration(key, operator, value, effect, seconds == -1 ? null : seconds) : null;
  }

  /**
   * Whether free text bound for Argo has no {@code {{}: Argo would read it as a template tag (labels, names and keys
   * are checked by their own, stricter rules).
   */
  private static boolean noTag(OptionAnnotation a, String type, String attribute) {
    String text = a.string(attribute);
    if (text.contains("{{")) {
      a.where().error(attribute, Message.TEMPLATE_TAG_IN_OPTION, type, attribute, text);
      return false;
    }
    return true;
  }

  private static String notBlank(OptionAnnotation a, String type, String fix) {
    String text = a.string("value");
    if (text.isBlank()) {
      a.where().error("value", Message.BLANK_OPTION, type, fix);
      return "";
    }
    return text;
  }

  private static boolean envName(String name, String attribute, OptionAnnotation.Where where) {
    if (!ENV_NAME.matcher(name).matches()) {
      String suggestion = name.replaceAll("[^A-Za-z0-9_]", "_");
      if (suggestion.isEmpty() || Character.isDigit(suggestion.charAt(0))) {
        suggestion = "_" + suggestion;
      }
      where.error(attribute, Message.INVALID_ENV_NAME, name, suggestion.toUpperCase(Locale.ROOT));
      return false;
    }
    if (name.toUpperCase(Locale.ROOT).startsWith("KFP4J_")) {
      where.error(attribute, Message.RESERVED_ENV_NAME, name);
      return false;
    }
    return true;
  }

  private static boolean unique(String name, String source, Map<String, String> seen, OptionAnnotation.Where where,
      String attribute) {
    String earlier = seen.putIfAbsent(name, source);
    if (earlier != null) {
      where.error(attribute, Message.DUPLICATE_ENV_NAME, name, "by " + earlier + " and " + source);
      return false;
    }
    return true;
  }

  private static boolean secretName(String name, String what, String attribute, OptionAnnotation.Where where) {
    if (!isSubdomain(name)) {
      where.error(attribute, Message.INVALID_SECRET_NAME, what, name);
      return false;
    }
    return true;
  }

  private static boolean secretKey(String key, OptionAnnotation.Where where) {
    if (!SECRET_KEY.matcher(key).matches() || key.length() > 253) {
      where.error("key", Message.INVALID_SECRET_KEY, key);
      return false;
    }
    return true;
  }

  private static boolean qualifiedName(String what, String name, String attribute, OptionAnnotation.Where where) {
    if (!isQualifiedName(name)) {
      where.error(attribute, Message.INVALID_LABEL, what, name, "use an optional DNS prefix and '/', then at most 63 "
          + "letters, digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. \"example.com/team\")");
      return false;
    }
    return true;
  }

  private static boolean labelValue(String what, String value, String attribute, OptionAnnotation.Where where) {
    if (!value.isEmpty() && (value.length() > 63 || !LABEL_NAME.matcher(value).matches())) {
      where.error(attribute, Message.INVALID_LABEL, what, value, "use at most 63 letters, digits, '-', '_' or '.', "
          + "starting and ending with a letter or digit");
      return false;
    }
    return true;
  }

  /** A DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
  static boolean isSubdomain(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A Kubernetes qualified name: {@code [prefix/]name}, as label keys and resource names are. */
  static boolean isQualifiedName(String name) {
    int slash = name.indexOf('/');
    String prefix = slash < 0 ? null : name.substring(0, slash);
    String local = slash < 0 ? name : name.substring(slash + 1);
    if (prefix != null && !isSubdomain(prefix)) {
      return false;
    }
    return local.length() <= 63 && LABEL_NAME.matcher(local).matches();
  }
}
