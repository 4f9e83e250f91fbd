package dev.portcullis.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password (or identity token) for one registry. {@link #toString} never shows the
 * secret.
 */
public record Credentials(String username, String password) {

  String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", ****]";
  }
}
