package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/**
 * A build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index 0 for the first stage
 * @param name the {@code AS} name in lower case (stage names are case-insensitive), or null
 * @param platform the {@code --platform} flag as written, or null
 */
public record Stage(
    int index,
    String name,
    String platform,
    Instruction from,
    BaseImage base,
    List<Instruction> instructions) {

  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** The stage's name, else its index, as {@code COPY --from} would name it. */
  public String label() {
    return name != null ? name : String.valueOf(index);
  }
}
