package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Origin;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/** CycloneDX 1.6 JSON, through cyclonedx-core-java. */
final class CycloneDxWriter implements InventoryWriter {

  static final Version VERSION = Version.VERSION_16;
  private static final String PROPERTY_PREFIX = "portcullis:";

  /** The generator, prepared while the inventory is taken: a writer is made before the scan. */
  private final FutureTask<PreparedBomGenerator> generator = PreparedBomGenerator.start();

  @Override
  public void write(Inventory inventory, ToolInfo tool, OutputStream out) throws IOException {
    try {
      String json = PreparedBomGenerator.await(generator).write(bom -> fill(bom, inventory, tool));
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  /** The BOM of an inventory: the image as the subject, the OS and every package as components. */
  static Bom bom(Inventory inventory, ToolInfo tool) {
    Bom bom = new Bom();
    fill(bom, inventory, tool);
    return bom;
  }

  private static void fill(Bom bom, Inventory inventory, ToolInfo tool) {
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    bom.setMetadata(metadata(inventory, tool));
    Component image = bom.getMetadata().getComponent();
    Dependency imageDependency = new Dependency(image.getBomRef());
    List<Component> components = new ArrayList<>();
    if (inventory.os() != null) {
      Component os = new Component();
      os.setType(Component.Type.OPERATING_SYSTEM);
      os.setBomRef("os:" + inventory.os().family() + "@" + inventory.os().version());
      os.setName(inventory.os().family());
      os.setVersion(inventory.os().version());
      os.setDescription(inventory.os().prettyName());
      components.add(os);
      imageDependency.addDependency(new Dependency(os.getBomRef()));
    }
    List<String> bomRefs = bomRefs(inventory.packages());
    for (int i = 0; i < inventory.packages().size(); i++) {
      Package pkg = inventory.packages().get(i);
      Component component =
          component(pkg, inventory.attribution() == null ? null : inventory.originOf(pkg));
      component.setBomRef(bomRefs.get(i));
      components.add(component);
      imageDependency.addDependency(new Dependency(component.getBomRef()));
    }
    bom.setComponents(components);
    bom.setDependencies(new ArrayList<>(List.of(imageDependency)));
  }

  /**
   * Each package's bom-ref: its purl, and where several copies share one (five copies of one jar),
   * the purl and a counter, in inventory order; a VEX entry's {@code affects} names copies by
   * these.
   */
  static List<String> bomRefs(List<Package> packages) {
    List<String> refs = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Package pkg : packages) {
      String bomRef = pkg.purl();
      for (int n = 2; !taken.add(bomRef); n++) {
        bomRef = pkg.purl() + "#" + n;
      }
      refs.add(bomRef);
    }
    return refs;
  }

  static void writeJson(Bom bom, OutputStream out) throws IOException {
    try {
      out.write(new CycloneDxJsonGenerator(bom).toJsonString().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  private static Metadata metadata(Inventory inventory, ToolInfo tool) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(tool.created()));
    Component toolComponent = new Component();
    toolComponent.setType(Component.Type.APPLICATION);
    toolComponent.setName(tool.name());
    toolComponent.setVersion(tool.version());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(toolComponent));
    metadata.setToolChoice(tools);
    List<Property> warnings = new ArrayList<>();
    inventory.warnings().forEach(w -> warnings.add(property("warning", w)));
    if (!warnings.isEmpty()) {
      metadata.setProperties(warnings);
    }

    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setName(inventory.image().name());
    String id =
        inventory.image().manifestDigest() != null
            ? inventory.image().manifestDigest()
            : inventory.image().configDigest();
    if (id != null) {
      image.setVersion(id);
    }
    image.setBomRef("image:" + (id != null ? id : inventory.image().name()));
    List<Property> properties = new ArrayList<>();
    inventory.image().repoTags().forEach(tag -> properties.add(property("image:repoTag", tag)));
    if (inventory.image().configDigest() != null) {
      properties.add(property("image:id", inventory.image().configDigest()));
    }
    for (LayerInfo layer : inventory.layers()) {
      if (layer.diffId() != null) {
        properties.add(property("image:diffId", layer.diffId()));
      }
    }
    Attribution attribution = inventory.attribution();
    if (attribution != null) {
      properties.addAll(baseImage(attribution));
    }
    image.setProperties(properties);
    metadata.setComponent(image);
    return metadata;
  }

  /** The base image the image's {@code portcullis:origin base} components came with. */
  private static List<Property> baseImage(Attribution a) {
    List<Property> properties = new ArrayList<>();
    if (!a.isKnown()) {
      properties.add(property("baseImage:unknown", a.unknownReason()));
      return properties;
    }
    if (a.baseImage() != null) {
      properties.add(property("baseImage:name", a.baseImage()));
    }
    if (a.baseDigest() != null) {
      properties.add(property("baseImage:digest", a.baseDigest()));
    }
    properties.add(property("baseImage:identifiedBy", a.method().label()));
    a.baseDiffIds().forEach(d -> properties.add(property("baseImage:diffId", d)));
    return properties;
  }

  /**
   * @param origin whether the package came with the base image; null where that was not asked
   */
  private static Component component(Package pkg, Origin origin) {
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    int split = groupEnd(pkg);
    if (split > 0) {
      component.setGroup(pkg.name().substring(0, split));
      component.setName(pkg.name().substring(split + 1));
    } else {
      component.setName(pkg.name());
    }
    component.setVersion(pkg.version());
    component.setPurl(pkg.purl());
    if (pkg.maintainer() != null) {
      component.setPublisher(pkg.maintainer());
    }
    if (pkg.dev()) {
      // CycloneDX's convention for development-only dependencies.
      component.setScope(Component.Scope.OPTIONAL);
    }
    if (pkg.sha1() != null) {
      component.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, pkg.sha1())));
    }
    List<Property> properties = new ArrayList<>();
    properties.add(property("package:type", pkg.type()));
    properties.add(property("package:sourceName", pkg.sourceName()));
    properties.add(property("package:sourceVersion", pkg.sourceVersion()));
    properties.add(property("package:foundIn", "/" + pkg.foundIn()));
    if (pkg.evidence() != null) {
      properties.add(property("package:evidence", pkg.evidence()));
    }
    if (pkg.ownedBy() != null) {
      properties.add(property("package:ownedBy", pkg.ownedBy()));
    }
    if (pkg.layer() != null) {
      properties.add(property("layer:index", String.valueOf(pkg.layer().index())));
      if (pkg.layer().diffId() != null) {
        properties.add(property("layer:diffId", pkg.layer().diffId()));
      }
    }
    if (origin != null) {
      properties.add(property("origin", origin.label()));
    }
    component.setProperties(properties);
    return component;
  }

  /**
   * Where a name's group ends, as CycloneDX splits names: Maven's {@code groupId:artifactId}, npm's
   * {@code @scope/name}, Go's and Composer's {@code path/name} (as their purls split them); -1 for
   * a name without a group.
   */
  private static int groupEnd(Package pkg) {
    return switch (pkg.type()) {
      case "maven" -> pkg.name().indexOf(':');
      case "npm", "golang", "composer" -> pkg.name().lastIndexOf('/');
      default -> -1;
    };
  }

  static Property property(String name, String value) {
    Property property = new Property();
    property.setName(PROPERTY_PREFIX + name);
    property.setValue(value);
    return property;
  }
}
