package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every SARIF 2.1.0 report of Portcullis shares: the document, its one run, and the run's tool
 * driver naming Portcullis and its version. Writers fill in rules and results.
 */
record SarifFrame(ObjectNode document, ObjectNode run, ObjectNode driver) {

  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  static SarifFrame create(ReportJson json, ToolInfo tool) {
    ObjectNode document = json.mapper().createObjectNode();
    document.put("version", "2.1.0");
    document.put("$schema", SCHEMA);
    ObjectNode run = document.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Portcullis");
    driver.put("version", tool.version());
    return new SarifFrame(document, run, driver);
  }
}
