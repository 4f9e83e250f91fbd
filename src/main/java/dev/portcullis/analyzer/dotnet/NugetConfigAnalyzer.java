package dev.portcullis.analyzer.dotnet;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The {@code packages.config} of .NET Framework projects: one {@code <package id version/>} per
 * NuGet package the project installed. Packages marked {@code developmentDependency="true"} are
 * kept as development-only (Trivy drops them). No DTD or entity of the file is ever resolved.
 */
public final class NugetConfigAnalyzer implements Analyzer {

  static final long MAX_SIZE = 4L * 1024 * 1024;

  @Override
  public String type() {
    return "nuget-config";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public long maxFileSize() {
    return MAX_SIZE;
  }

  @Override
  public boolean required(String path, long size) {
    return (path.equals("packages.config") || path.endsWith("/packages.config"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    Map<String, Package> packages = new LinkedHashMap<>();
    int incomplete = 0;
    try {
      XMLStreamReader xml = Xml.FACTORY.createXMLStreamReader(input.content());
      try {
        int depth = 0;
        while (xml.hasNext()) {
          int event = xml.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            depth++;
            String element = xml.getLocalName();
            if (depth == 1 && !element.equals("packages")) {
              return AnalysisResult.ofWarning(
                  type(),
                  input.path(),
                  "/"
                      + input.path()
                      + ": not a NuGet packages.config (root element <"
                      + StreamedJson.excerpt(element)
                      + ">)");
            }
            if (depth == 2 && element.equals("package")) {
              String id = attribute(xml, "id");
              String version = attribute(xml, "version");
              if (id.isEmpty() || version.isEmpty()) {
                incomplete++;
                continue;
              }
              Package pkg = Package.library("nuget", id, version, input.path());
              if (attribute(xml, "developmentDependency").equalsIgnoreCase("true")) {
                pkg = pkg.asDevelopmentOnly();
              }
              packages.putIfAbsent(id + '\u0000' + version, pkg);
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            depth--;
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() != null && e.getLocation().getLineNumber() > 0
              ? "line " + e.getLocation().getLineNumber() + ": "
              : "";
      return AnalysisResult.ofWarning(
          type(), input.path(), "/" + input.path() + ": not valid XML (" + where + reason(e) + ")");
    }
    List<String> warnings = new ArrayList<>();
    if (incomplete > 0) {
      warnings.add(
          "/" + input.path() + ": " + incomplete + " packages without id or version were skipped");
    }
    return new AnalysisResult(
        type(), input.path(), null, List.copyOf(packages.values()), Map.of(), warnings);
  }

  private static String attribute(XMLStreamReader xml, String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null ? "" : value.strip();
  }

  /** The parser's message without the location prefix the JDK puts in front of it. */
  private static String reason(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int marker = message.indexOf("Message: ");
    return StreamedJson.excerpt(marker < 0 ? message : message.substring(marker + 9).strip());
  }

  private static XMLInputFactory safeFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return factory;
  }

  /**
   * The StAX factory, made when the first {@code packages.config} is read: finding the factory
   * looks a service up through the whole class path, a cold JVM's 24 ms on every image scan.
   */
  private static final class Xml {
    static final XMLInputFactory FACTORY = safeFactory();
  }
}
