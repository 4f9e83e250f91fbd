package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The parts of an OCI/Docker image configuration that Portcullis reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(
    String architecture,
    String os,
    String variant,
    String created,
    @JsonProperty("config") RuntimeConfig runtime,
    RootFs rootfs,
    List<HistoryEntry> history) {

  public ImageConfig {
    history = history == null ? List.of() : List.copyOf(history);
  }

  public List<Digest> diffIds() {
    if (rootfs == null || rootfs.diffIds() == null) {
      return List.of();
    }
    return rootfs.diffIds().stream().map(Digest::parse).toList();
  }

  /**
   * The {@code created_by} of the history entry that made each layer, in layer order; entries
   * marked {@code empty_layer} made no layer. Missing or short history yields empty strings.
   */
  public List<String> layerCommands(int layerCount) {
    List<String> commands = new ArrayList<>();
    for (HistoryEntry entry : history) {
      if (!entry.emptyLayer()) {
        commands.add(entry.createdBy() == null ? "" : entry.createdBy());
      }
    }
    if (commands.size() != layerCount) {
      // History that does not line up with the layers cannot be trusted for attribution.
      return Collections.nCopies(layerCount, "");
    }
    return commands;
  }

  /** Container defaults: user, environment, entrypoint and the like. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RuntimeConfig(
      @JsonProperty("User") String user,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HistoryEntry(
      String created,
      @JsonProperty("created_by") String createdBy,
      String comment,
      @JsonProperty("empty_layer") boolean emptyLayer) {}
}
