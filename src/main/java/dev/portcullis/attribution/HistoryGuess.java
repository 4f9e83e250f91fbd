package dev.portcullis.attribution;

import dev.portcullis.image.ImageConfig;
import dev.portcullis.image.ImageConfig.HistoryEntry;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Attribution.Method;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The base image's layers guessed from the image's history. BuildKit copies the base image's
 * history and appends one entry per instruction of the final stage; a base image's last entry is
 * its CMD or ENTRYPOINT, which makes no layer. So, from the top: the application's trailing entries
 * that made no layer (its own CMD, ENTRYPOINT, LABEL …) are skipped, then the highest CMD or
 * ENTRYPOINT below a layer ends the base.
 */
final class HistoryGuess {

  /** BuildKit writes {@code CMD ["bash"]}, the classic builder {@code /bin/sh -c #(nop) CMD …}. */
  private static final Pattern END_OF_BASE =
      Pattern.compile("^(?:/bin/sh -c #\\(nop\\)\\s+)?(?:CMD|ENTRYPOINT)\\b.*", Pattern.DOTALL);

  private HistoryGuess() {}

  static Attribution guess(ResolvedImage image) {
    ImageConfig config = image.config();
    List<HistoryEntry> history = config.history();
    long made = history.stream().filter(e -> !e.emptyLayer()).count();
    if (history.isEmpty() || made != image.layers().size()) {
      return Attribution.unknown(
          Method.HISTORY_GUESS,
          null,
          history.isEmpty()
              ? "the image records no history, and no base image was named (give --base-image"
                  + " or --dockerfile)"
              : "the image's history does not line up with its layers, and no base image was"
                  + " named (give --base-image or --dockerfile)");
    }
    int top = history.size() - 1;
    while (top >= 0 && history.get(top).emptyLayer()) {
      top--;
    }
    int layersBelow = (int) made;
    for (int i = top; i >= 0; i--) {
      HistoryEntry entry = history.get(i);
      if (!entry.emptyLayer()) {
        layersBelow--;
        continue;
      }
      if (layersBelow > 0
          && entry.createdBy() != null
          && END_OF_BASE.matcher(entry.createdBy().strip()).matches()) {
        List<String> base =
            image.layers().subList(0, layersBelow).stream()
                .map(l -> l.diffId().toString())
                .toList();
        return Attribution.known(Method.HISTORY_GUESS, null, null, base);
      }
    }
    return Attribution.unknown(
        Method.HISTORY_GUESS,
        null,
        "the history shows no base image (no CMD or ENTRYPOINT below the application's layers):"
            + " built FROM scratch, or the base's history was squashed; name the base with"
            + " --base-image or --dockerfile");
  }
}
