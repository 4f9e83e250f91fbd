package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which token realms are used, and where credentials may go with the token request. */
class TokenRealmTest {

  private static final URI SECURE = URI.create("https://registry.example:5000/");
  private static final URI PLAIN = URI.create("http://registry.example:5000/");

  private static TokenRealm parse(String realm, URI registry) throws InputException {
    return TokenRealm.parse(realm, registry, "pull manifest 1 of registry.example:5000/app");
  }

  @Test
  void anHttpsRealmOnAnyHostIsUsedAndCarriesCredentials() throws InputException {
    TokenRealm realm = parse("https://auth.example/token", SECURE);
    assertThat(realm.carriesCredentialsFor(SECURE)).isTrue();
    assertThat(realm.request("repository:app:pull", "registry").toString())
        .isEqualTo("https://auth.example/token?scope=repository%3Aapp%3Apull&service=registry");
  }

  @Test
  void aPlainHttpRealmIsRefusedForARegistrySpokenToOverHttps() {
    assertThatThrownBy(() -> parse("http://registry.example:5001/token", SECURE))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is plain HTTP, but the registry is spoken to over https");
  }

  @Test
  void aPlainHttpRealmCarriesCredentialsOnlyToTheRegistrysOwnHost() throws InputException {
    assertThat(parse("http://REGISTRY.example:5001/token", PLAIN).carriesCredentialsFor(PLAIN))
        .isTrue();
    assertThat(parse("http://auth.example/token", PLAIN).carriesCredentialsFor(PLAIN)).isFalse();
  }

  @Test
  void aRealmWithAUserNameIsRefused() {
    assertThatThrownBy(() -> parse("https://user:pw@auth.example/token", SECURE))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("carries a user name")
        .hasMessageNotContaining("pw@");
  }

  @Test
  void aRelativeOrOpaqueRealmIsRefused() {
    assertThatThrownBy(() -> parse("/token", SECURE)).hasMessageContaining("not an https address");
    assertThatThrownBy(() -> parse("https:token", SECURE)).hasMessageContaining("names no host");
    assertThatThrownBy(() -> parse("javascript:alert(1)", SECURE))
        .hasMessageContaining("not an https address");
  }

  @Test
  void controlCharactersAndLengthAreTamedInMessages() {
    assertThatThrownBy(() -> parse("gopher://x/\u001b[31m" + "a".repeat(500), SECURE))
        .hasMessageNotContaining("\u001b")
        .hasMessageContaining("…");
  }
}
