package dev.portcullis.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads policy files strictly: an unknown key, a missing owner, reason or expiry, or a malformed
 * date is an error naming the file, line and column.
 */
public final class PolicyLoader {

  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public Policy load(Path file) throws IOException {
    Policy policy = read(file, Policy.class);
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
    return new Policy(policy.gate(), located);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  <T> T read(Path file, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(file + ": larger than " + MAX_BYTES + " bytes; not a policy file");
      }
      return yaml.readValue(in, type);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (UnrecognizedPropertyException e) {
      throw new InputException(
          file + ":" + keyLine(file, e) + ": unknown key '" + e.getPropertyName() + "'", e);
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
  private static String keyLine(Path file, UnrecognizedPropertyException e) throws IOException {
    List<String> lines = Files.readAllLines(file);
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
