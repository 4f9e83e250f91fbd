package dev.portcullis.analyzer.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.elf.BinaryReader;
import dev.portcullis.analyzer.elf.ElfFile;
import dev.portcullis.analyzer.elf.MalformedBinaryException;
import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The dependency list cargo-auditable links into Rust executables: section {@code .dep-v0}, zlib
 * holding JSON {@code {"packages":[{"name","version","source","kind","dependencies","root"}]}}. The
 * crates built into the executable are reported, its root crate included; those only needed to
 * build it ({@code "kind":"build"}: build scripts, proc-macros) are not, as Trivy does.
 */
public final class CargoAuditableReader implements BinaryReader {

  static final String SECTION = ".dep-v0";
  static final int MAX_COMPRESSED = 8 * 1024 * 1024;
  static final long MAX_JSON = 64L * 1024 * 1024;

  private final JsonFactory factory = new JsonFactory();

  /**
   * Reads each package entry as a tree. Made when the first executable with the section is read,
   * not with the analyzers: most scans meet none, and a mapper's first construction costs a cold
   * JVM tens of milliseconds.
   */
  private static final class Trees {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Override
  public String what() {
    return "cargo-auditable data (" + SECTION + ")";
  }

  @Override
  public List<Package> read(ElfFile elf, String path) throws IOException, MalformedBinaryException {
    Optional<ElfFile.Section> section = elf.section(SECTION);
    if (section.isEmpty()) {
      return List.of();
    }
    byte[] compressed = elf.content(section.get(), MAX_COMPRESSED);
    try (JsonParser parser =
        factory.createParser(
            new Limited(new InflaterInputStream(new ByteArrayInputStream(compressed))))) {
      return packages(parser, path);
    } catch (ZipException e) {
      throw new MalformedBinaryException("not zlib data: " + e.getMessage());
    } catch (JacksonException e) {
      String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new MalformedBinaryException("not valid JSON (" + line + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      // Everything here is read from memory: an I/O error is the data's, not the file's.
      if (e.getCause() instanceof MalformedBinaryException malformed) {
        throw malformed;
      }
      throw new MalformedBinaryException("unreadable zlib data: " + e.getMessage());
    }
  }

  private List<Package> packages(JsonParser parser, String path)
      throws IOException, MalformedBinaryException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedBinaryException("the JSON is not an object");
    }
    List<Package> packages = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    boolean sawPackages = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!field.equals("packages")) {
        parser.skipChildren();
        continue;
      }
      if (value != JsonToken.START_ARRAY) {
        throw new MalformedBinaryException("\"packages\" is not an array");
      }
      sawPackages = true;
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        JsonNode entry = Trees.MAPPER.readTree(parser);
        String name = text(entry, "name");
        String version = text(entry, "version");
        if (name == null || version == null) {
          throw new MalformedBinaryException("package " + index + " has no name or version string");
        }
        index++;
        JsonNode kind = entry.get("kind");
        boolean runtime = kind == null || kind.isNull() || "runtime".equals(kind.asText());
        if (runtime && seen.add(name + "@" + version)) {
          packages.add(Package.library("cargo", name, version, path));
        }
      }
    }
    if (!sawPackages) {
      throw new MalformedBinaryException("the JSON has no \"packages\" array");
    }
    return packages;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry == null ? null : entry.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  /** Stops a zlib bomb: inflating beyond {@link #MAX_JSON} bytes fails the read. */
  private static final class Limited extends FilterInputStream {
    private long count;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        account(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        account(n);
      }
      return n;
    }

    private void account(long n) throws IOException {
      count += n;
      if (count > MAX_JSON) {
        throw new IOException(
            new MalformedBinaryException("it inflates beyond " + MAX_JSON + " bytes (zip bomb?)"));
      }
    }
  }
}
