package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis serve token …} on the embedded store, and its usage errors. */
class ServeCommandTest {

  @TempDir Path data;

  @Test
  void aCreatedTokenIsPrintedOnceAndANameCannotBeTakenTwice() {
    Cli.Result created =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "ci",
            "--scope",
            "submit,read");
    Cli.Result again =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "ci",
            "--scope",
            "read");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out().strip()).matches("pcs_[A-Za-z0-9_-]{43}");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists already");
  }

  @Test
  void aTokenMayExpireAndAnIntervalThatIsNoneIsAUsageError() {
    Cli.Result expiring =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "dashboard",
            "--scope",
            "read",
            "--expires-in",
            "12h");
    Cli.Result bad =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "other",
            "--scope",
            "read",
            "--expires-in",
            "soon");

    assertThat(expiring.exitCode()).as(expiring.err()).isZero();
    assertThat(expiring.out().strip()).matches("pcs_[A-Za-z0-9_-]{43}");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--expires-in");
  }

  @Test
  void anUnknownScopeOrStoreUrlIsAUsageError() {
    Cli.Result scope =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "ci",
            "--scope",
            "root");
    Cli.Result url =
        Cli.run(
            "serve",
            "token",
            "create",
            "--db-url",
            "jdbc:mysql://x/y",
            "--name",
            "ci",
            "--scope",
            "read");

    assertThat(scope.exitCode()).isEqualTo(2);
    assertThat(scope.err()).contains("unknown scope 'root'");
    assertThat(url.exitCode()).isEqualTo(2);
    assertThat(url.err()).contains("PostgreSQL");
  }

  @Test
  void revokingATokenNoOneHasIsAUsageError() {
    Cli.Result revoked =
        Cli.run("serve", "token", "revoke", "--data-dir", data.toString(), "--name", "nobody");

    assertThat(revoked.exitCode()).isEqualTo(2);
    assertThat(revoked.err()).contains("no active token");
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() {
    Cli.Result half =
        Cli.run(
            "serve", "--data-dir", data.toString(), "--tls-cert", data.resolve("c.pem").toString());

    assertThat(half.exitCode()).isEqualTo(2);
    assertThat(half.err()).contains("--tls-cert and --tls-key go together");
  }

  @Test
  void badClusterAndNotificationFlagsAreUsageErrors() {
    Cli.Result namespace =
        Cli.run("serve", "--data-dir", data.toString(), "--cluster-namespace", "shop");
    Cli.Result notifyUrl =
        Cli.run("serve", "--data-dir", data.toString(), "--notify", "ftp://hooks.example/x");
    Cli.Result format =
        Cli.run(
            "serve",
            "--data-dir",
            data.toString(),
            "--notify",
            "https://hooks.example/x",
            "--notify-format",
            "xml");

    assertThat(namespace.exitCode()).isEqualTo(2);
    assertThat(namespace.err()).contains("--cluster-namespace needs --cluster or --in-cluster");
    assertThat(notifyUrl.exitCode()).isEqualTo(2);
    assertThat(notifyUrl.err()).contains("notification URL: use http:// or https://, not ftp://");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("unknown notification format 'xml'");
  }

  @Test
  void aMalformedWatchOrAMissingSecretVariableIsAUsageError() {
    Cli.Result watch =
        Cli.run("serve", "--data-dir", data.toString(), "--watch", "registry.example/app:[x]");
    Cli.Result secret =
        Cli.run(
            "serve",
            "--data-dir",
            data.toString(),
            "--webhook-secret-env",
            "PORTCULLIS_TEST_NO_SUCH_VARIABLE");

    assertThat(watch.exitCode()).isEqualTo(2);
    assertThat(watch.err()).contains("tag glob '[x]'");
    assertThat(secret.exitCode()).isEqualTo(2);
    assertThat(secret.err()).contains("PORTCULLIS_TEST_NO_SUCH_VARIABLE is not set");
  }

  @Test
  void badRescanAndDatabaseUpdateFlagsAreUsageErrors() {
    Cli.Result interval =
        Cli.run("serve", "--data-dir", data.toString(), "--rescan-interval", "soon");
    Cli.Result noSource =
        Cli.run("serve", "--data-dir", data.toString(), "--db-update-interval", "6h");
    Cli.Result mirror =
        Cli.run("serve", "--data-dir", data.toString(), "--db-mirror", "ftp://osv.example/");

    assertThat(interval.exitCode()).isEqualTo(2);
    assertThat(interval.err()).contains("--rescan-interval");
    assertThat(noSource.exitCode()).isEqualTo(2);
    assertThat(noSource.err())
        .contains("--db-update-interval needs --db-mirror or --db-import-dir");
    assertThat(mirror.exitCode()).isEqualTo(2);
    assertThat(mirror.err()).contains("--db-mirror: an http or https URL");
  }

  @Test
  void badRegistryTimeoutsAreUsageErrors() {
    Cli.Result timeout =
        Cli.run("serve", "--data-dir", data.toString(), "--registry-read-timeout", "0s");
    Cli.Result rate = Cli.run("serve", "--data-dir", data.toString(), "--registry-min-rate", "0");

    assertThat(timeout.exitCode()).isEqualTo(2);
    assertThat(timeout.err()).contains("--registry-read-timeout", "is not an interval");
    assertThat(rate.exitCode()).isEqualTo(2);
    assertThat(rate.err()).contains("--registry-min-rate: 1 byte per second or more");
  }

  @Test
  void theWebhookNeedsTlsAndAPolicyWhoseAdmissionRulesAreRight() throws Exception {
    Cli.Result plain =
        Cli.run("serve", "--data-dir", data.toString(), "--listen", "127.0.0.1:0", "--admission");
    Path policy =
        java.nio.file.Files.writeString(
            data.resolve("policy.yaml"), "admission:\n  failure-policy: sometimes\n");
    Cli.Result wrong =
        Cli.run(
            "serve",
            "--data-dir",
            data.toString(),
            "--listen",
            "127.0.0.1:0",
            "--policy",
            policy.toString(),
            "--admission");
    Cli.Result stray = Cli.run("serve", "--data-dir", data.toString(), "--admission-anonymous");

    assertThat(plain.exitCode()).isEqualTo(2);
    assertThat(plain.err()).contains("--admission needs --tls-cert and --tls-key");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("admission failure-policy 'sometimes': use Fail or Ignore");
    assertThat(stray.exitCode()).isEqualTo(2);
    assertThat(stray.err()).contains("need --admission");
  }
}
