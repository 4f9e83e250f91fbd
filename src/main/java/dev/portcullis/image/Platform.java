package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An image platform, {@code os/architecture[/variant]}, as in {@code --platform linux/arm64/v8}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Platform(
    @JsonProperty("os") String os,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("variant") String variant) {

  public static Platform linuxAmd64() {
    return new Platform("linux", "amd64", null);
  }

  /** Parses {@code os/arch[/variant]}; throws {@link IllegalArgumentException} otherwise. */
  public static Platform parse(String text) {
    String[] parts = text.split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "platform '" + text + "' is not of the form os/arch[/variant], e.g. linux/arm64/v8");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Whether an index entry's platform satisfies this wanted one; arm64's v8 is its default. */
  public boolean accepts(Platform offered) {
    if (offered == null || !os.equals(offered.os) || !architecture.equals(offered.architecture)) {
      return false;
    }
    return variant == null || normalizedVariant(variant).equals(normalizedVariant(offered.variant));
  }

  private String normalizedVariant(String v) {
    if (v == null || v.isEmpty()) {
      return architecture.equals("arm64") ? "v8" : "";
    }
    return v;
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
  }
}
