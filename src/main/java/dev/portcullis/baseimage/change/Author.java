package dev.portcullis.baseimage.change;

import java.util.Objects;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.UserConfig;

/** Who a commit is written by: a name and an email address, as git records them. */
public record Author(String name, String email) {

  /** The author when neither git's configuration nor the caller names one. */
  public static final Author PORTCULLIS = new Author("Portcullis", "portcullis@localhost");

  public Author {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (name.isBlank() || hasAngleOrLineBreak(name) || hasAngleOrLineBreak(email)) {
      throw new IllegalArgumentException(
          "a commit author needs a non-blank name, and neither name nor email may hold '<', '>' or"
              + " a line break: "
              + name
              + " <"
              + email
              + ">");
    }
  }

  /**
   * The author git itself would use: GIT_AUTHOR_NAME/EMAIL, else user.name/user.email, field by
   * field; a field that neither sets comes from {@link #PORTCULLIS}, never from the login name and
   * host name that git would guess.
   */
  static Author configuredIn(Config config) {
    UserConfig user = config.get(UserConfig.KEY);
    String name = user.isAuthorNameImplicit() ? PORTCULLIS.name() : user.getAuthorName();
    String email = user.isAuthorEmailImplicit() ? PORTCULLIS.email() : user.getAuthorEmail();
    return new Author(name, email);
  }

  private static boolean hasAngleOrLineBreak(String value) {
    return value.chars().anyMatch(c -> c == '<' || c == '>' || c == '\n' || c == '\r' || c == 0);
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
