package dev.portcullis.inventory;

import dev.portcullis.secret.SecretMatch;
import java.util.Locale;

/**
 * A secret found in an image or directory, masked, with where it is.
 *
 * @param target the file ({@code /etc/app.conf}), or the image config field ({@code config:Env},
 *     {@code config:Labels}, {@code config:Cmd}, {@code config:Entrypoint}, {@code history:3})
 * @param layer the layer that holds the file; null for the image config and for directories
 * @param visibility whether the file is still there in the finished image
 */
public record SecretFinding(
    SecretMatch match, String target, LayerInfo layer, Visibility visibility) {

  /** Whether the file that holds a secret is still visible in the image. */
  public enum Visibility {
    /** The file is in the finished image. */
    LIVE,
    /** A later layer deleted the file; its layer still ships it. */
    DELETED,
    /** A later layer replaced the file; its layer still ships the old content. */
    OVERWRITTEN;

    /** As reports write it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
