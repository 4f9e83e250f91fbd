package dev.portcullis.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.portcullis.files.UserFiles;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.inventory.Purls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;

/**
 * Reads an SBOM someone else made (CycloneDX JSON, or SPDX 2.x JSON) into an {@link Inventory}, so
 * that a Syft, Trivy or Portcullis SBOM is scanned by the same matcher as an image. Packages are
 * known by their Package URLs; OS packages' source names come from the tools' own properties
 * (Portcullis', Trivy's) or the purl's {@code upstream} qualifier (Syft's).
 */
public final class SbomFiles {

  private static final long MAX_BYTES = 256L * 1024 * 1024;

  /** How Portcullis' SPDX writer records a source package, SPDX having no field for it. */
  private static final Pattern SPDX_SOURCE_INFO =
      Pattern.compile("built from source package (\\S+) (\\S+)");

  private SbomFiles() {}

  public static Inventory read(Path file) throws IOException {
    return parse(UserFiles.read(file, MAX_BYTES, "an SBOM"), file);
  }

  /**
   * Reads an SBOM already in memory.
   *
   * @param file the name it goes by in messages and in the packages' {@code foundIn}
   */
  public static Inventory parse(byte[] bytes, Path file) throws InputException {
    JsonNode tree = Json.tree(bytes, file.toString());
    if ("CycloneDX".equals(tree.path("bomFormat").asText())) {
      return fromCycloneDx(file, bytes);
    }
    if (tree.path("spdxVersion").asText().startsWith("SPDX-2")) {
      return fromSpdx(file, tree);
    }
    throw new InputException(file + ": neither a CycloneDX JSON nor an SPDX 2 JSON document");
  }

  private static Inventory fromCycloneDx(Path file, byte[] bytes) throws InputException {
    Bom bom;
    try {
      bom = new JsonParser().parse(bytes);
    } catch (ParseException e) {
      throw new InputException(
          file + ": not a valid CycloneDX document (" + e.getMessage() + ")", e);
    }
    List<Entry> entries = new ArrayList<>();
    OsRelease os = null;
    for (Component component : flatten(bom.getComponents())) {
      if (component.getType() == Component.Type.OPERATING_SYSTEM && component.getName() != null) {
        os =
            new OsRelease(
                osFamily(component.getName()),
                component.getVersion() == null ? "" : component.getVersion(),
                component.getName(),
                file.toString());
      } else if (component.getPurl() != null) {
        Map<String, String> properties = new HashMap<>();
        if (component.getProperties() != null) {
          component.getProperties().forEach(p -> properties.put(p.getName(), p.getValue()));
        }
        entries.add(new Entry(component.getPurl(), properties));
      }
    }
    String name =
        bom.getMetadata() != null && bom.getMetadata().getComponent() != null
            ? bom.getMetadata().getComponent().getName()
            : file.toString();
    return inventory(file, name, os, entries);
  }

  private static List<Component> flatten(List<Component> components) {
    List<Component> all = new ArrayList<>();
    if (components != null) {
      for (Component component : components) {
        all.add(component);
        all.addAll(flatten(component.getComponents()));
      }
    }
    return all;
  }

  private static Inventory fromSpdx(Path file, JsonNode tree) throws InputException {
    List<Entry> entries = new ArrayList<>();
    OsRelease os = null;
    for (JsonNode pkg : tree.path("packages")) {
      if ("OPERATING-SYSTEM".equals(pkg.path("primaryPackagePurpose").asText())
          || "OPERATING_SYSTEM".equals(pkg.path("primaryPackagePurpose").asText())) {
        os =
            new OsRelease(
                osFamily(pkg.path("name").asText()),
                pkg.path("versionInfo").asText(""),
                pkg.path("name").asText(),
                file.toString());
        continue;
      }
      Map<String, String> properties = new HashMap<>();
      Matcher source = SPDX_SOURCE_INFO.matcher(pkg.path("sourceInfo").asText(""));
      if (source.matches()) {
        properties.put("portcullis:package:sourceName", source.group(1));
        properties.put("portcullis:package:sourceVersion", source.group(2));
      }
      for (JsonNode ref : pkg.path("externalRefs")) {
        if ("purl".equals(ref.path("referenceType").asText())) {
          entries.add(new Entry(ref.path("referenceLocator").asText(), properties));
        }
      }
    }
    return inventory(file, tree.path("name").asText(file.toString()), os, entries);
  }

  /** A package as an SBOM names it: a purl and the tool's properties. */
  private record Entry(String purl, Map<String, String> properties) {}

  private static Inventory inventory(
      Path file, String name, OsRelease declaredOs, List<Entry> entries) throws InputException {
    List<Package> packages = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    OsRelease os = declaredOs;
    for (Entry entry : entries) {
      PackageURL purl;
      try {
        purl = new PackageURL(entry.purl());
      } catch (MalformedPackageURLException e) {
        warnings.add("skipped a malformed purl: " + entry.purl());
        continue;
      }
      if (purl.getVersion() == null) {
        continue;
      }
      if (!Package.OS_TYPES.contains(purl.getType())) {
        Package pkg = languagePackage(purl, entry.purl(), file);
        String owner = entry.properties().get("portcullis:package:ownedBy");
        packages.add(owner == null ? pkg : pkg.withOwner(owner));
        continue;
      }
      if (os == null) {
        os = osFromDistroQualifier(purl, file);
      }
      packages.add(osPackage(purl, entry.properties(), file));
    }
    OsRelease finalOs = os;
    List<Package> withPurls =
        packages.stream()
            .map(p -> p.purl() != null ? p : p.withOrigin(null, Purls.of(p, finalOs)))
            .toList();
    ImageInfo image = new ImageInfo(name, null, null, List.of(), null, null);
    return new Inventory(image, os, List.of(), withPurls, warnings);
  }

  /** A language package keeps the SBOM's purl; its name is written as its ecosystem writes it. */
  private static Package languagePackage(PackageURL purl, String purlText, Path file) {
    String namespace = purl.getNamespace();
    String name =
        switch (purl.getType()) {
          case "maven" -> namespace == null ? purl.getName() : namespace + ":" + purl.getName();
          case "npm", "golang", "composer" ->
              namespace == null ? purl.getName() : namespace + "/" + purl.getName();
          default -> purl.getName();
        };
    return Package.library(purl.getType(), name, purl.getVersion(), file.getFileName().toString())
        .withOrigin(null, purlText);
  }

  private static Package osPackage(PackageURL purl, Map<String, String> properties, Path file) {
    Map<String, String> qualifiers = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
    String version = purl.getVersion();
    if (qualifiers.containsKey("epoch") && !version.contains(":")) {
      version = qualifiers.get("epoch") + ":" + version;
    }
    String sourceName =
        first(properties, "portcullis:package:sourceName", "aquasecurity:trivy:SrcName");
    // Syft writes the source as "upstream=util-linux", or "util-linux@2.38.1-5" where its version
    // is not the binary's: Debian's advisories are compared with that version.
    String upstream = qualifiers.get("upstream");
    int at = upstream == null ? -1 : upstream.indexOf('@');
    if (sourceName == null && upstream != null) {
      sourceName = at < 0 ? upstream : upstream.substring(0, at);
    }
    String sourceVersion = first(properties, "portcullis:package:sourceVersion");
    if (sourceVersion == null && at > 0 && at < upstream.length() - 1) {
      sourceVersion = upstream.substring(at + 1);
    }
    if (sourceVersion == null && properties.containsKey("aquasecurity:trivy:SrcVersion")) {
      String release = properties.get("aquasecurity:trivy:SrcRelease");
      String epoch = properties.get("aquasecurity:trivy:SrcEpoch");
      sourceVersion =
          (epoch != null && !epoch.equals("0") ? epoch + ":" : "")
              + properties.get("aquasecurity:trivy:SrcVersion")
              + (release != null && !release.isEmpty() ? "-" + release : "");
    }
    return new Package(
        purl.getType(),
        purl.getName(),
        version,
        qualifiers.get("arch"),
        sourceName != null ? sourceName : purl.getName(),
        sourceVersion != null ? sourceVersion : version,
        null,
        null,
        file.getFileName().toString(),
        null,
        null,
        List.of(),
        null,
        false,
        null,
        null);
  }

  private static OsRelease osFromDistroQualifier(PackageURL purl, Path file) {
    String distro = purl.getQualifiers() == null ? null : purl.getQualifiers().get("distro");
    if (distro == null) {
      return null;
    }
    int dash = distro.indexOf('-');
    String family = dash > 0 ? distro.substring(0, dash) : purl.getNamespace();
    String version = dash > 0 ? distro.substring(dash + 1) : distro;
    return family == null
        ? null
        : new OsRelease(osFamily(family), version, distro, file.toString());
  }

  /**
   * The os-release ID a distribution name in an SBOM stands for. Trivy and Syft write their own
   * names for some ({@code redhat}, {@code alma}, {@code amazon}, {@code oracle}); the rest already
   * are os-release IDs.
   */
  static String osFamily(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "redhat", "red hat", "red hat enterprise linux" -> "rhel";
      case "alma" -> "almalinux";
      case "amazon" -> "amzn";
      case "oracle" -> "ol";
      default -> lower;
    };
  }

  private static String first(Map<String, String> properties, String... names) {
    for (String name : names) {
      if (properties.get(name) != null) {
        return properties.get(name);
      }
    }
    return null;
  }
}
