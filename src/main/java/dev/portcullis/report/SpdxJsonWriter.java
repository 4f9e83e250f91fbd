package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SPDX 2.3 JSON: the image as the described package, each installed package contained in it. */
final class SpdxJsonWriter implements InventoryWriter {

  private static final String NOASSERTION = "NOASSERTION";
  private static final String IMAGE_ID = "SPDXRef-Image";

  private final ReportJson json = new ReportJson();

  @Override
  public void write(Inventory inventory, ToolInfo tool, OutputStream out) throws IOException {
    ObjectNode document = json.mapper().createObjectNode();
    document.put("spdxVersion", "SPDX-2.3");
    document.put("dataLicense", "CC0-1.0");
    document.put("SPDXID", "SPDXRef-DOCUMENT");
    document.put("name", inventory.image().name());
    document.put(
        "documentNamespace",
        "https://portcullis.dev/spdx/"
            + sanitize(inventory.image().name())
            + "-"
            + UUID.randomUUID());
    ObjectNode creation = document.putObject("creationInfo");
    creation.put("created", tool.created().toString());
    creation.putArray("creators").add("Tool: " + tool.name() + "-" + tool.version());
    if (!inventory.warnings().isEmpty()) {
      creation.put("comment", "Not read: " + String.join("; ", inventory.warnings()));
    }

    ArrayNode packages = document.putArray("packages");
    ObjectNode image = packages.addObject();
    image.put("SPDXID", IMAGE_ID);
    image.put("name", inventory.image().name());
    String id =
        inventory.image().manifestDigest() != null
            ? inventory.image().manifestDigest()
            : inventory.image().configDigest();
    if (id != null) {
      image.put("versionInfo", id);
    }
    image.put("downloadLocation", NOASSERTION);
    image.put("filesAnalyzed", false);
    image.put("primaryPackagePurpose", "CONTAINER");
    image.put("licenseConcluded", NOASSERTION);
    image.put("licenseDeclared", NOASSERTION);
    image.put("copyrightText", NOASSERTION);

    ArrayNode relationships = document.putArray("relationships");
    relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
    if (inventory.os() != null) {
      ObjectNode os = packages.addObject();
      os.put("SPDXID", "SPDXRef-OperatingSystem");
      os.put("name", inventory.os().family());
      os.put("versionInfo", inventory.os().version());
      os.put("downloadLocation", NOASSERTION);
      os.put("filesAnalyzed", false);
      os.put("primaryPackagePurpose", "OPERATING_SYSTEM");
      os.put("licenseConcluded", NOASSERTION);
      os.put("licenseDeclared", NOASSERTION);
      os.put("copyrightText", NOASSERTION);
      relationship(relationships, IMAGE_ID, "CONTAINS", "SPDXRef-OperatingSystem");
    }
    int index = 0;
    for (Package pkg : inventory.packages()) {
      String spdxId =
          "SPDXRef-Package-" + pkg.type() + "-" + sanitize(pkg.name()) + "-" + (index++);
      ObjectNode node = packages.addObject();
      node.put("SPDXID", spdxId);
      node.put("name", pkg.name());
      node.put("versionInfo", pkg.version());
      node.put("downloadLocation", NOASSERTION);
      node.put("filesAnalyzed", false);
      node.put("primaryPackagePurpose", "LIBRARY");
      node.put("licenseConcluded", NOASSERTION);
      node.put("licenseDeclared", NOASSERTION);
      node.put("copyrightText", NOASSERTION);
      if (pkg.sha1() != null) {
        ObjectNode checksum = node.putArray("checksums").addObject();
        checksum.put("algorithm", "SHA1");
        checksum.put("checksumValue", pkg.sha1());
      }
      if (!pkg.sourceName().equals(pkg.name()) || !pkg.sourceVersion().equals(pkg.version())) {
        node.put(
            "sourceInfo",
            "built from source package " + pkg.sourceName() + " " + pkg.sourceVersion());
      }
      List<String> comment = new ArrayList<>();
      if (pkg.layer() != null) {
        comment.add(
            "installed by layer "
                + pkg.layer().index()
                + (pkg.layer().diffId() != null ? " (" + pkg.layer().diffId() + ")" : "")
                + ", listed in /"
                + pkg.foundIn());
      }
      if (pkg.ownedBy() != null) {
        comment.add("installed by the OS package " + pkg.ownedBy());
      }
      if (inventory.attribution() != null) {
        comment.add("origin: " + inventory.originOf(pkg).label());
      }
      if (!comment.isEmpty()) {
        node.put("comment", String.join("; ", comment));
      }
      ObjectNode purl = node.putArray("externalRefs").addObject();
      purl.put("referenceCategory", "PACKAGE-MANAGER");
      purl.put("referenceType", "purl");
      purl.put("referenceLocator", pkg.purl());
      relationship(relationships, IMAGE_ID, "CONTAINS", spdxId);
      if (pkg.dev()) {
        relationship(relationships, spdxId, "DEV_DEPENDENCY_OF", IMAGE_ID);
      }
    }
    json.write(document, out);
  }

  private static void relationship(ArrayNode relationships, String from, String type, String to) {
    ObjectNode relationship = relationships.addObject();
    relationship.put("spdxElementId", from);
    relationship.put("relationshipType", type);
    relationship.put("relatedSpdxElement", to);
  }

  /** SPDX ids allow letters, digits, '.' and '-' only. */
  private static String sanitize(String text) {
    return text.replaceAll("[^A-Za-z0-9.-]", "-");
  }
}
