package dev.portcullis.cli;

import dev.portcullis.report.ToolInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the version Maven stamped into the jar. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"portcullis " + ToolInfo.buildVersion()};
  }
}
