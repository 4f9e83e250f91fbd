package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.files.UserFiles;
import dev.portcullis.image.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Trivy's ignore files, for users who switch: {@code .trivyignore} (one id a line, {@code #}
 * comments, optional {@code exp:YYYY-MM-DD}) and {@code .trivyignore.yaml} (vulnerabilities with
 * paths, purls, statement and expired_at). Entries without an expiry never expire, as in Trivy.
 */
public final class TrivyIgnoreLoader {

  /** Far more than any real ignore file; a sparse file of gigabytes is refused, not read. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private static final String OWNER = "(not named in Trivy's ignore file)";

  /** The vulnerabilities section of .trivyignore.yaml; misconfigurations and secrets come later. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record IgnoreFile(List<Entry> vulnerabilities) {}

  /** One entry of .trivyignore.yaml. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Entry(
      String id,
      List<String> paths,
      List<String> purls,
      String statement,
      @JsonProperty("expired_at") LocalDate expiredAt) {}

  public List<VulnerabilityException> load(Path file) throws IOException {
    return file.getFileName().toString().endsWith(".yaml")
            || file.getFileName().toString().endsWith(".yml")
        ? loadYaml(file)
        : loadPlain(file);
  }

  private List<VulnerabilityException> loadPlain(Path file) throws IOException {
    List<String> lines = UserFiles.readText(file, MAX_BYTES, "an ignore file").lines().toList();
    List<VulnerabilityException> exceptions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      LocalDate expires = null;
      for (int f = 1; f < fields.length; f++) {
        if (fields[f].startsWith("exp:")) {
          try {
            expires = LocalDate.parse(fields[f].substring(4));
          } catch (DateTimeParseException e) {
            throw new InputException(
                file + ":" + (i + 1) + ": '" + fields[f] + "' is not exp:YYYY-MM-DD");
          }
        }
      }
      exceptions.add(
          new VulnerabilityException(
              fields[0],
              "(no reason given in " + file.getFileName() + ")",
              OWNER,
              expires,
              null,
              file + ":" + (i + 1)));
    }
    return exceptions;
  }

  private List<VulnerabilityException> loadYaml(Path file) throws IOException {
    IgnoreFile ignore = new PolicyLoader().read(file, IgnoreFile.class);
    List<VulnerabilityException> exceptions = new ArrayList<>();
    if (ignore == null || ignore.vulnerabilities() == null) {
      return exceptions;
    }
    for (int i = 0; i < ignore.vulnerabilities().size(); i++) {
      Entry entry = ignore.vulnerabilities().get(i);
      String where = file + ": vulnerabilities[" + i + "]";
      if (entry == null || entry.id() == null || entry.id().isBlank()) {
        throw new InputException(where + ": an entry needs an id");
      }
      String reason = entry.statement() != null ? entry.statement() : "(no statement given)";
      List<String> paths =
          entry.paths() == null || entry.paths().isEmpty() ? List.of("") : entry.paths();
      List<String> purls =
          entry.purls() == null || entry.purls().isEmpty() ? List.of("") : entry.purls();
      for (String path : paths) {
        for (String purl : purls) {
          VulnerabilityException.Scope scope =
              path.isEmpty() && purl.isEmpty()
                  ? null
                  : new VulnerabilityException.Scope(
                      purl.isEmpty() ? null : purl, null, null, path.isEmpty() ? null : path);
          exceptions.add(
              new VulnerabilityException(
                  entry.id(), reason, OWNER, entry.expiredAt(), scope, where));
        }
      }
    }
    return exceptions;
  }
}
