package dev.portcullis.report;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A CycloneDX JSON generator made ahead of its BOM, on a thread of its own. cyclonedx-core-java
 * gives every generator its own Jackson mapper, whose serializers for the CycloneDX model take a
 * cold JVM about a tenth of a second to build; made while the image is still being read, and
 * exercised once on a sample BOM, the generator is ready when the real BOM is. The generator holds
 * its BOM object from the start, so the real content is filled into that same object.
 */
final class PreparedBomGenerator {

  private final Bom bom = new Bom();
  private final BomJsonGenerator generator;

  private PreparedBomGenerator() throws GeneratorException {
    generator = new CycloneDxJsonGenerator(bom);
    fillWithSample(bom);
    generator.toJsonString();
  }

  /** Starts preparing one at once, on a daemon thread. */
  static FutureTask<PreparedBomGenerator> start() {
    FutureTask<PreparedBomGenerator> task = new FutureTask<>(PreparedBomGenerator::new);
    Thread thread = new Thread(task, "prepare CycloneDX generator");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** Waits for a prepared generator. */
  static PreparedBomGenerator await(FutureTask<PreparedBomGenerator> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the CycloneDX generator", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "CycloneDX generation failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Fills the generator's BOM and writes it as JSON. The filling must set the serial number, the
   * metadata, the components and the dependencies, replacing the sample's. Once per generator.
   */
  String write(Consumer<Bom> fill) throws GeneratorException {
    fill.accept(bom);
    return generator.toJsonString();
  }

  /** Every kind of value a package BOM holds, so that every serializer it needs gets built. */
  private static void fillWithSample(Bom bom) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(new Date(0));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("tool");
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    metadata.setProperties(List.of(CycloneDxWriter.property("sample", "value")));
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setName("image");
    image.setBomRef("image");
    image.setProperties(List.of(CycloneDxWriter.property("sample", "value")));
    metadata.setComponent(image);
    bom.setMetadata(metadata);
    Component library = new Component();
    library.setType(Component.Type.LIBRARY);
    library.setBomRef("pkg:generic/sample@1");
    library.setName("sample");
    library.setVersion("1");
    library.setPurl("pkg:generic/sample@1");
    library.setPublisher("publisher");
    library.setScope(Component.Scope.OPTIONAL);
    library.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, "0".repeat(40))));
    library.setProperties(List.of(CycloneDxWriter.property("sample", "value")));
    bom.setComponents(new ArrayList<>(List.of(library)));
    Dependency dependency = new Dependency(image.getBomRef());
    dependency.addDependency(new Dependency(library.getBomRef()));
    bom.setDependencies(new ArrayList<>(List.of(dependency)));
  }
}
