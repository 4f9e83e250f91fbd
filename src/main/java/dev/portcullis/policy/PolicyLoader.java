package dev.portcullis.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.portcullis.files.UserFiles;
import dev.portcullis.image.InputException;
import dev.portcullis.yaml.InMemoryYamlFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads policy files strictly: an unknown key, a missing owner, reason or expiry, or a malformed
 * date is an error naming the file, line and column.
 */
public final class PolicyLoader {

  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private final ObjectMapper yaml =
      YAMLMapper.builder(new InMemoryYamlFactory(new LoaderOptions()))
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** The policy Portcullis ships, as {@code portcullis policy init} writes it. */
  public static final String DEFAULT_RESOURCE = "/dev/portcullis/policy/portcullis.default.yaml";

  public Policy load(Path file) throws IOException {
    return located(file.toString(), read(file, Policy.class));
  }

  /** The shipped default policy. */
  public Policy loadDefault() throws IOException {
    return located(
        "portcullis.default.yaml", parse("(default policy)", defaultText(), Policy.class));
  }

  /** The text of the shipped default policy. */
  public static String defaultText() throws IOException {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "the default policy " + DEFAULT_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Policy located(String file, Policy policy) throws InputException {
    if (policy == null) {
      return Policy.empty();
    }
    List<VulnerabilityException> located = new ArrayList<>();
    for (int i = 0; i < policy.exceptions().size(); i++) {
      VulnerabilityException exception = policy.exceptions().get(i);
      String where = file + ": exceptions[" + i + "]";
      if (exception == null
          || blank(exception.id())
          || blank(exception.reason())
          || blank(exception.owner())
          || exception.expires() == null) {
        throw new InputException(where + ": every exception has id, reason, owner and expires");
      }
      located.add(exception.withOrigin(where));
    }
    try {
      AdmissionSettings.of(policy.admission());
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage());
    }
    return new Policy(
        policy.gate(),
        located,
        policy.baseImages(),
        policy.dockerfile(),
        policy.secrets(),
        policy.sla(),
        policy.admission());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  <T> T read(Path file, Class<T> type) throws IOException {
    String text = UserFiles.readText(file, MAX_BYTES, "a policy file");
    return parse(file.toString(), text, type);
  }

  private <T> T parse(String file, String text, Class<T> type) throws InputException {
    try {
      return yaml.readValue(text, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InputException(
          file + ":" + keyLine(text, e) + ": unknown key '" + e.getPropertyName() + "'", e);
    } catch (JacksonException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? file.toString()
              : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new InputException(where + ": " + explain(e), e);
    }
  }

  /**
   * The YAML parser reports the position after an unknown key's value; the line a person wants is
   * the key's own: the last line at or before that position that starts with it.
   */
  private static String keyLine(String text, UnrecognizedPropertyException e) {
    List<String> lines = text.lines().toList();
    int reported =
        e.getLocation() == null
            ? lines.size()
            : Math.min(lines.size(), e.getLocation().getLineNr());
    Pattern key =
        Pattern.compile("^(\\s*(?:-\\s+)?)" + Pattern.quote(e.getPropertyName()) + "\\s*:");
    for (int i = reported - 1; i >= 0; i--) {
      Matcher m = key.matcher(lines.get(i));
      if (m.find()) {
        return (i + 1) + ":" + (m.group(1).length() + 1);
      }
    }
    return String.valueOf(reported);
  }

  private static String explain(JacksonException e) {
    // A value our own types refuse (an image pattern, a rule setting, a tier without a reason):
    // their message says what is wrong.
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    String message = e.getOriginalMessage();
    if (message.startsWith("Missing required creator property")) {
      int quote = message.indexOf('\'');
      int end = message.indexOf('\'', quote + 1);
      String field = quote >= 0 && end > quote ? message.substring(quote + 1, end) : "a field";
      return "an exception needs '"
          + field
          + "' (every exception has id, reason, owner and expires)";
    }
    return message.lines().findFirst().orElse(message);
  }
}
