package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell-word splitter behind the RUN rules. */
class DockerfileShellScriptTest {

  private static List<List<String>> words(String script) {
    return ShellScript.parse(script).stream().map(Command::words).toList();
  }

  @Test
  void operatorsSeparateCommands() {
    assertThat(words("apt-get update && apt-get install -y curl; rm -rf /x || true & wait"))
        .containsExactly(
            List.of("apt-get", "update"),
            List.of("apt-get", "install", "-y", "curl"),
            List.of("rm", "-rf", "/x"),
            List.of("true"),
            List.of("wait"));
  }

  @Test
  void quotesGroupWordsAndAreRemoved() {
    assertThat(words("echo 'a b' \"c \\\"d\\\"\" e\\ f"))
        .containsExactly(List.of("echo", "a b", "c \"d\"", "e f"));
  }

  @Test
  void operatorsInsideQuotesAndSubstitutionsStayInTheWord() {
    assertThat(words("sh -c \"a && b | c\" && echo $(date | tr a b) `x;y`"))
        .containsExactly(
            List.of("sh", "-c", "a && b | c"), List.of("echo", "$(date | tr a b)", "`x;y`"));
  }

  @Test
  void pipesKeepTheirPipeline() {
    List<Command> commands = ShellScript.parse("curl -fsSL https://x | sh -s -- -y && echo ok");

    assertThat(commands).extracting(Command::program).containsExactly("curl", "sh", "echo");
    assertThat(commands).extracting(Command::pipedFrom).containsExactly(false, true, false);
    assertThat(commands.get(0).pipeline()).isEqualTo(commands.get(1).pipeline());
    assertThat(commands.get(2).pipeline()).isNotEqualTo(commands.get(1).pipeline());
  }

  @Test
  void redirectionsAndCommentsAreDropped() {
    assertThat(words("make > /dev/null 2>&1 # build it\necho done >>log <in"))
        .containsExactly(List.of("make"), List.of("echo", "done"));
  }

  @Test
  void backslashNewlineContinuesAndNewlineSeparates() {
    assertThat(words("apk add \\\n  curl\nrm -rf /var/cache/apk/*"))
        .containsExactly(List.of("apk", "add", "curl"), List.of("rm", "-rf", "/var/cache/apk/*"));
  }

  @Test
  void programSkipsAssignmentsAndWrappers() {
    Command command =
        ShellScript.parse(
                "DEBIAN_FRONTEND=noninteractive sudo -E -u root /usr/bin/apt-get install x")
            .get(0);

    assertThat(command.program()).isEqualTo("apt-get");
    assertThat(command.arguments()).containsExactly("install", "x");
    assertThat(command.usesSudo()).isTrue();
  }

  @Test
  void reservedWordsInFrontOfACommandAreDropped() {
    assertThat(ShellScript.parse("if [ -f x ]; then rm x; fi").stream().map(Command::program))
        .containsExactly("[", "rm");
  }

  @Test
  void commandsInASubshellKnowIt() {
    assertThat(ShellScript.parse("(cd /tmp && make) && cd /").stream().map(Command::subshell))
        .containsExactly(true, true, false);
  }

  @Test
  void processSubstitutionIsAWord() {
    assertThat(words("bash <(curl -s https://x)"))
        .containsExactly(List.of("bash", "<(curl -s https://x)"));
  }

  @Test
  void unterminatedQuotesEndTheScriptWithoutError() {
    assertThat(words("echo 'unterminated && rm -rf /"))
        .containsExactly(List.of("echo", "unterminated && rm -rf /"));
    assertThat(words("echo \"x $(y")).hasSize(1);
  }
}
