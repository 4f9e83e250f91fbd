package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.secret.SecretMatch;
import dev.portcullis.secret.SecretRuleSet;
import dev.portcullis.secret.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets kept in manifests: Secret objects with values, ConfigMaps and env vars that hold some.
 */
final class SecretChecks {

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|pwd|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key).*");

  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bAKIA[0-9A-Z]{16}\\b|\\bgh[pousr]_[A-Za-z0-9]{36}\\b|\\bxox[baprs]-[A-Za-z0-9-]{10,}|\\bglpat-[A-Za-z0-9_-]{20}\\b");

  /** The built-in secret rules; immutable, so one scanner serves every run. */
  private static final SecretScanner SCANNER = new SecretScanner(SecretRuleSet.builtin());

  private SecretChecks() {}

  static List<KubernetesFinding> check(List<Resource> resources, List<Resource> workloads) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Resource resource : resources) {
      if ("Secret".equals(resource.kind())) {
        secret(resource, findings);
      } else if ("ConfigMap".equals(resource.kind())) {
        configMap(resource, findings);
      }
    }
    for (Resource workload : workloads) {
      env(workload, findings);
    }
    return findings;
  }

  private static void secret(Resource secret, List<KubernetesFinding> findings) {
    for (String section : List.of("data", "stringData")) {
      Node values = secret.node().get(section);
      if (values == null || values.entries().isEmpty()) {
        continue;
      }
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.SECRET_IN_MANIFEST,
              secret,
              new FieldRef(section, values.line()),
              "Secret \""
                  + secret.name()
                  + "\" holds "
                  + values.entries().keySet()
                  + " in "
                  + section
                  + (section.equals("data") ? " (base64, not encrypted)" : " (plain text)")));
    }
  }

  /**
   * ConfigMap values go through the secret scanner's rules as {@code KEY=value} lines (a value of
   * several lines, an embedded file, as its own lines), so that a ConfigMap and a .env file holding
   * the same text get the same answer; what is reported is the scanner's masked match. A key named
   * like a secret with a literal value (API_TOKEN) counts as for env vars.
   */
  private static void configMap(Resource configMap, List<KubernetesFinding> findings) {
    Node data = configMap.node().get("data");
    if (data == null) {
      return;
    }
    for (Map.Entry<String, Node> entry : data.entries().entrySet()) {
      String value = Fields.string(entry.getValue());
      String text = value.contains("\n") ? value : entry.getKey() + "=" + value;
      List<SecretMatch> matches = SCANNER.scanText("configmap.env", text);
      String what;
      if (!matches.isEmpty()) {
        what = matches.get(0).title().toLowerCase(Locale.ROOT) + ": " + matches.get(0).match();
      } else if (looksSecret(entry.getKey(), value)) {
        what = "a literal value under a secret-looking key";
      } else {
        continue;
      }
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.SECRET_IN_CONFIGMAP,
              configMap,
              new FieldRef("data." + entry.getKey(), entry.getValue().line()),
              "ConfigMap \""
                  + configMap.name()
                  + "\" key \""
                  + entry.getKey()
                  + "\" holds "
                  + what));
    }
  }

  private static void env(Resource workload, List<KubernetesFinding> findings) {
    for (PodView.Container container : PodView.of(workload).containers()) {
      Node env = container.node().get("env");
      List<Node> items = env == null ? List.of() : env.items();
      for (int i = 0; i < items.size(); i++) {
        String name = Fields.string(items.get(i).get("name"));
        String value = Fields.string(items.get(i).get("value"));
        if (looksSecret(name, value)) {
          findings.add(
              KubernetesFinding.at(
                  KubernetesRules.SECRET_IN_ENV,
                  workload,
                  PodView.field(items.get(i), container.path() + ".env[" + i + "]", "value"),
                  "container \"" + container.name() + "\" sets " + name + " to a literal value"));
        }
      }
    }
  }

  /** A secret-looking name with a literal value, or a value in a known secret format. */
  static boolean looksSecret(String key, String value) {
    if (value.isBlank()) {
      return false;
    }
    if (SECRET_VALUE.matcher(value).find()) {
      return true;
    }
    boolean placeholder = value.startsWith("$") || value.startsWith("{{") || value.startsWith("<");
    return SECRET_KEY.matcher(key).matches() && !placeholder && value.length() >= 4;
  }
}
