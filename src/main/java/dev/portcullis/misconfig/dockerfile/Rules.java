package dev.portcullis.misconfig.dockerfile;

import static dev.portcullis.vulndb.Severity.HIGH;
import static dev.portcullis.vulndb.Severity.LOW;
import static dev.portcullis.vulndb.Severity.MEDIUM;

import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Dockerfile rule, by id. Ids are stable: PC-DF-0xx structure and base images, 1xx security
 * (the seeds' rules), 2xx package managers, 3xx instruction hygiene. docs/dockerfile-rules.md
 * describes each.
 */
public final class Rules {

  static final String PARSE = "PC-DF-000";
  static final String ORDER = "PC-DF-008";

  static final Rule PARSE_ERROR =
      rule(
          PARSE, HIGH, "The builder rejects or misreads this line", "Correct the line as said", "");
  static final Rule BASE_TIER =
      rule(
          "PC-DF-001",
          HIGH,
          "Base image outside the policy's tiers",
          "Build on an image of a preferred or allowed tier of portcullis.yaml",
          "DL3026");
  static final Rule LATEST =
      rule(
          "PC-DF-002",
          HIGH,
          "Base image without a version tag (:latest or none)",
          "Name a specific version tag, e.g. alpine:3.20",
          "DL3006,DL3007",
          "DS001");
  static final Rule DIGEST =
      rule(
          "PC-DF-003",
          MEDIUM,
          "Base image tag not pinned by digest",
          "Pin tag and digest (image:tag@sha256:…) and let Renovate or Dependabot update both",
          "");
  static final Rule PLATFORM =
      rule(
          "PC-DF-004",
          LOW,
          "FROM --platform with a fixed value",
          "Leave the platform to the build (--platform=$BUILDPLATFORM or no flag)",
          "DL3029");
  static final Rule DUPLICATE_STAGE =
      rule(
          "PC-DF-005",
          HIGH,
          "Stage name used twice",
          "Give every stage its own name",
          "DL3024",
          "DS012");
  static final Rule COPY_FROM_UNKNOWN =
      rule(
          "PC-DF-006",
          MEDIUM,
          "COPY --from names no earlier stage",
          "Name a stage defined above, or an image with a tag",
          "DL3022");
  static final Rule COPY_FROM_SELF =
      rule(
          "PC-DF-007",
          HIGH,
          "COPY --from names its own stage",
          "Copy from an earlier stage",
          "DL3023",
          "DS006");
  static final Rule BEFORE_FROM =
      rule(
          ORDER,
          HIGH,
          "Instruction before the first FROM",
          "Only ARG may precede the first FROM",
          "DL3061");
  static final Rule ONBUILD_TRIGGER =
      rule(
          "PC-DF-009",
          HIGH,
          "ONBUILD with FROM, ONBUILD or MAINTAINER",
          "Remove the trigger; the builder rejects it",
          "DL3043");

  static final Rule ROOT =
      rule(
          "PC-DF-100",
          HIGH,
          "Final stage runs as root",
          "Create a user and end with USER <name or uid>, e.g. USER 10001",
          "DL3002",
          "DS002");
  static final Rule SECRET_VARIABLE =
      rule(
          "PC-DF-101",
          HIGH,
          "Secret in ENV or ARG",
          "Pass secrets with RUN --mount=type=secret at build time and at run time from a secret"
              + " store, never through ENV or ARG",
          "",
          "DS031");
  static final Rule SECRET_FILE =
      rule(
          "PC-DF-102",
          HIGH,
          "Secret file copied into the image",
          "Mount it at build time (RUN --mount=type=secret) or provide it at run time",
          "");
  static final Rule REMOTE_ADD =
      rule(
          "PC-DF-103",
          MEDIUM,
          "ADD of a remote URL",
          "Download with curl and verify a checksum, or use ADD --checksum=sha256:…",
          "");
  static final Rule PIPE_TO_SHELL =
      rule(
          "PC-DF-104",
          HIGH,
          "Download piped into a shell",
          "Download to a file, verify its checksum or signature, then run it",
          "");
  static final Rule SUDO =
      rule(
          "PC-DF-105",
          HIGH,
          "sudo in RUN",
          "RUN runs as the current USER; switch with USER instead of sudo",
          "DL3004",
          "DS010");
  static final Rule SSH =
      rule(
          "PC-DF-106",
          MEDIUM,
          "SSH in the container",
          "Do not run sshd in a container; use docker exec or kubectl exec",
          "",
          "DS004");
  static final Rule DOCKERIGNORE =
      rule(
          "PC-DF-107",
          MEDIUM,
          ".dockerignore missing or incomplete",
          "Add a .dockerignore next to the Dockerfile that excludes .git, .env, node_modules and"
              + " *.log",
          "");
  static final Rule BUILD_TOOLS =
      rule(
          "PC-DF-108",
          MEDIUM,
          "Build tools in the final image",
          "Build in an earlier stage and COPY --from it only the result",
          "");
  static final Rule NO_UPGRADE =
      rule(
          "PC-DF-109",
          LOW,
          "Packages of the base image not upgraded",
          "Upgrade the installed packages in the same RUN (apk upgrade --no-cache, apt-get"
              + " upgrade -y)",
          "");
  static final Rule NO_HEALTHCHECK =
      rule(
          "PC-DF-110",
          LOW,
          "No HEALTHCHECK in the final stage",
          "Add HEALTHCHECK CMD … (or HEALTHCHECK NONE where the orchestrator probes instead)",
          "DL3057",
          "DS026");

  static final Rule APK_NO_CACHE =
      rule(
          "PC-DF-200",
          MEDIUM,
          "apk add without --no-cache",
          "Use apk add --no-cache",
          "DL3019",
          "DS025");
  static final Rule APK_PIN =
      rule(
          "PC-DF-201",
          LOW,
          "apk add without versions",
          "Pin versions: apk add pkg=1.2.3-r0",
          "DL3018");
  static final Rule APT_RECOMMENDS =
      rule(
          "PC-DF-202",
          MEDIUM,
          "apt-get install without --no-install-recommends",
          "Add --no-install-recommends",
          "DL3015",
          "DS029");
  static final Rule APT_LISTS =
      rule(
          "PC-DF-203",
          MEDIUM,
          "apt lists left in the image",
          "End the RUN with rm -rf /var/lib/apt/lists/*",
          "DL3009");
  static final Rule UPDATE_ALONE =
      rule(
          "PC-DF-204",
          MEDIUM,
          "Package index update alone in a RUN",
          "Update and install in the same RUN: apt-get update && apt-get install -y …",
          "",
          "DS017");
  static final Rule APT_YES =
      rule(
          "PC-DF-205",
          MEDIUM,
          "apt-get install without -y",
          "Add -y so that the build does not wait for an answer",
          "DL3014",
          "DS021");
  static final Rule APT_PIN =
      rule(
          "PC-DF-206",
          LOW,
          "apt-get install without versions",
          "Pin versions: apt-get install pkg=1.2.3-1",
          "DL3008");
  static final Rule APT_CLI =
      rule(
          "PC-DF-207",
          LOW,
          "apt used instead of apt-get",
          "Use apt-get or apt-cache; apt's interface is not stable for scripts",
          "DL3027");
  static final Rule DIST_UPGRADE =
      rule(
          "PC-DF-208",
          MEDIUM,
          "dist-upgrade in a RUN",
          "Use apt-get upgrade; a dist-upgrade can change the base image's release",
          "DL3005",
          "DS024");
  static final Rule YUM_YES =
      rule("PC-DF-210", MEDIUM, "yum install without -y", "Add -y", "DL3030");
  static final Rule YUM_CLEAN =
      rule(
          "PC-DF-211",
          MEDIUM,
          "yum clean all missing",
          "End the RUN with yum clean all",
          "DL3032",
          "DS015");
  static final Rule YUM_PIN =
      rule("PC-DF-212", LOW, "yum install without versions", "Pin versions: pkg-1.2.3", "DL3033");
  static final Rule DNF_YES =
      rule("PC-DF-213", MEDIUM, "dnf install without -y", "Add -y", "DL3038");
  static final Rule DNF_CLEAN =
      rule(
          "PC-DF-214",
          MEDIUM,
          "dnf clean all missing",
          "End the RUN with dnf clean all (microdnf clean all)",
          "DL3040",
          "DS019,DS027");
  static final Rule DNF_PIN =
      rule("PC-DF-215", LOW, "dnf install without versions", "Pin versions: pkg-1.2.3", "DL3041");
  static final Rule ZYPPER_YES =
      rule(
          "PC-DF-216",
          MEDIUM,
          "zypper without -n",
          "Add -n (--non-interactive) before the command",
          "DL3034");
  static final Rule ZYPPER_CLEAN =
      rule(
          "PC-DF-217",
          MEDIUM,
          "zypper clean missing",
          "End the RUN with zypper clean",
          "DL3036",
          "DS020");
  static final Rule ZYPPER_PIN =
      rule(
          "PC-DF-218", LOW, "zypper install without versions", "Pin versions: pkg=1.2.3", "DL3037");
  static final Rule ZYPPER_DUP =
      rule(
          "PC-DF-219",
          MEDIUM,
          "zypper dist-upgrade in a RUN",
          "Use zypper update; dist-upgrade can change the base image's release",
          "DL3035");
  static final Rule PIP_PIN =
      rule(
          "PC-DF-220",
          LOW,
          "pip install without versions",
          "Pin versions (pkg==1.2.3) or install from a requirements file",
          "DL3013");
  static final Rule PIP_CACHE =
      rule(
          "PC-DF-221",
          LOW,
          "pip install without --no-cache-dir",
          "Add --no-cache-dir or set PIP_NO_CACHE_DIR=1",
          "DL3042");
  static final Rule NPM_PIN =
      rule(
          "PC-DF-222", LOW, "npm install of packages without versions", "Pin: pkg@1.2.3", "DL3016");
  static final Rule GEM_PIN =
      rule(
          "PC-DF-223", LOW, "gem install without versions", "Pin: gem install pkg:1.2.3", "DL3028");
  static final Rule YARN_CACHE =
      rule(
          "PC-DF-224",
          LOW,
          "yarn cache left in the image",
          "End the RUN with yarn cache clean",
          "DL3060");
  static final Rule COPY_ALL_BEFORE_INSTALL =
      rule(
          "PC-DF-225",
          LOW,
          "Whole build context copied before installing dependencies",
          "Copy the dependency manifests (package*.json, requirements.txt …) first, install, then"
              + " copy the rest, so that code changes keep the dependency layer cached",
          "");

  static final Rule WORKDIR_RELATIVE =
      rule(
          "PC-DF-300",
          MEDIUM,
          "WORKDIR path not absolute",
          "Use an absolute path",
          "DL3000",
          "DS009");
  static final Rule WORKDIR_SYSTEM =
      rule(
          "PC-DF-322",
          HIGH,
          "WORKDIR in a system directory",
          "Work in a directory of the application's own, e.g. /app; /proc, /dev, /boot, /initrd"
              + " and /lost+found belong to the kernel and the system",
          "",
          "DS030");
  static final Rule RUN_CD =
      rule("PC-DF-301", LOW, "cd in RUN", "Use WORKDIR to change directory", "DL3003", "DS013");
  static final Rule MAINTAINER =
      rule(
          "PC-DF-302",
          LOW,
          "MAINTAINER is deprecated",
          "Use LABEL org.opencontainers.image.authors=…",
          "DL4000",
          "DS022");
  static final Rule ADD_LOCAL =
      rule(
          "PC-DF-303",
          LOW,
          "ADD used to copy files",
          "Use COPY for files and directories; ADD only to unpack a local archive",
          "DL3020",
          "DS005");
  static final Rule COPY_DEST_SLASH =
      rule(
          "PC-DF-304",
          HIGH,
          "COPY of several sources to a destination without a trailing /",
          "End the destination with /",
          "DL3021",
          "DS011");
  static final Rule SHELL_FORM =
      rule(
          "PC-DF-305",
          LOW,
          "CMD or ENTRYPOINT in shell form",
          "Use the JSON form, e.g. CMD [\"node\", \"server.js\"], so that signals reach the"
              + " process",
          "DL3025");
  static final Rule MULTIPLE_CMD =
      rule(
          "PC-DF-306",
          MEDIUM,
          "More than one CMD in a stage",
          "Keep one CMD; only the last takes effect",
          "DL4003",
          "DS016");
  static final Rule MULTIPLE_ENTRYPOINT =
      rule(
          "PC-DF-307",
          MEDIUM,
          "More than one ENTRYPOINT in a stage",
          "Keep one ENTRYPOINT; only the last takes effect",
          "DL4004",
          "DS007");
  static final Rule MULTIPLE_HEALTHCHECK =
      rule(
          "PC-DF-308",
          MEDIUM,
          "More than one HEALTHCHECK in a stage",
          "Keep one HEALTHCHECK; only the last takes effect",
          "DL3012",
          "DS023");
  static final Rule PORT_RANGE =
      rule(
          "PC-DF-310",
          HIGH,
          "EXPOSE of a port outside 0-65535",
          "Expose a valid port",
          "DL3011",
          "DS008");
  static final Rule WGET_AND_CURL =
      rule("PC-DF-311", LOW, "Both wget and curl used", "Use one download tool", "DL4001", "DS014");
  static final Rule SHELL_SWITCH =
      rule(
          "PC-DF-312",
          LOW,
          "Default shell replaced by RUN ln",
          "Use the SHELL instruction to change the shell",
          "DL4005");
  static final Rule PIPEFAIL =
      rule(
          "PC-DF-313",
          LOW,
          "Pipe in RUN without pipefail",
          "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before the RUN (or set -o"
              + " pipefail in it)",
          "DL4006");
  static final Rule ENV_SELF_REFERENCE =
      rule(
          "PC-DF-314",
          MEDIUM,
          "ENV refers to a variable it defines itself",
          "Split the ENV: a variable defined in an ENV is not visible in the same ENV",
          "DL3044");
  static final Rule COPY_RELATIVE =
      rule(
          "PC-DF-315",
          LOW,
          "COPY to a relative destination without WORKDIR",
          "Set WORKDIR first or copy to an absolute path",
          "DL3045");
  static final Rule USERADD_UID =
      rule(
          "PC-DF-316",
          LOW,
          "useradd with a high UID without -l",
          "Add -l (--no-log-init) so that the lastlog file does not grow to the UID's size",
          "DL3046");
  static final Rule WGET_PROGRESS =
      rule("PC-DF-317", LOW, "wget without --progress", "Add --progress=dot:giga or -q", "DL3047");
  static final Rule LABEL_KEY =
      rule(
          "PC-DF-318",
          LOW,
          "Invalid LABEL key",
          "Use lower-case reverse-DNS keys of letters, digits, '.', '-'",
          "DL3048");
  static final Rule LABEL_EMPTY =
      rule("PC-DF-319", LOW, "Empty LABEL value", "Give the label a value or drop it", "DL3051");
  static final Rule CONSECUTIVE_RUN =
      rule(
          "PC-DF-320",
          LOW,
          "Consecutive RUN instructions",
          "Join consecutive RUNs with && where they belong to one step",
          "DL3059");
  static final Rule USELESS_COMMAND =
      rule(
          "PC-DF-321",
          LOW,
          "Command that makes no sense in a container",
          "Do not run interactive or system tools (ssh, vim, service, shutdown …) in RUN",
          "DL3001");

  private static final List<Rule> ALL =
      List.of(
          PARSE_ERROR,
          BASE_TIER,
          LATEST,
          DIGEST,
          PLATFORM,
          DUPLICATE_STAGE,
          COPY_FROM_UNKNOWN,
          COPY_FROM_SELF,
          BEFORE_FROM,
          ONBUILD_TRIGGER,
          ROOT,
          SECRET_VARIABLE,
          SECRET_FILE,
          REMOTE_ADD,
          PIPE_TO_SHELL,
          SUDO,
          SSH,
          DOCKERIGNORE,
          BUILD_TOOLS,
          NO_UPGRADE,
          NO_HEALTHCHECK,
          APK_NO_CACHE,
          APK_PIN,
          APT_RECOMMENDS,
          APT_LISTS,
          UPDATE_ALONE,
          APT_YES,
          APT_PIN,
          APT_CLI,
          DIST_UPGRADE,
          YUM_YES,
          YUM_CLEAN,
          YUM_PIN,
          DNF_YES,
          DNF_CLEAN,
          DNF_PIN,
          ZYPPER_YES,
          ZYPPER_CLEAN,
          ZYPPER_PIN,
          ZYPPER_DUP,
          PIP_PIN,
          PIP_CACHE,
          NPM_PIN,
          GEM_PIN,
          YARN_CACHE,
          COPY_ALL_BEFORE_INSTALL,
          WORKDIR_RELATIVE,
          RUN_CD,
          MAINTAINER,
          ADD_LOCAL,
          COPY_DEST_SLASH,
          SHELL_FORM,
          MULTIPLE_CMD,
          MULTIPLE_ENTRYPOINT,
          MULTIPLE_HEALTHCHECK,
          PORT_RANGE,
          WGET_AND_CURL,
          SHELL_SWITCH,
          PIPEFAIL,
          ENV_SELF_REFERENCE,
          COPY_RELATIVE,
          USERADD_UID,
          WGET_PROGRESS,
          LABEL_KEY,
          LABEL_EMPTY,
          CONSECUTIVE_RUN,
          USELESS_COMMAND,
          WORKDIR_SYSTEM);

  /** Ours, hadolint's and Trivy's (short and long form) id schemes for Dockerfile checks. */
  private static final Pattern DOCKERFILE_ID =
      Pattern.compile("(?i)PC-DF-\\d+|DL\\d{4}|DS\\d{3}|AVD-DS-\\d{4}");

  private Rules() {}

  /**
   * Whether an id is written as a Dockerfile check's (PC-DF-…, DL…, DS…, AVD-DS-…) but names no
   * rule: an exception or ignore naming it would suppress nothing. Ids of other schemes (CVE-…,
   * PC-K8S-…) are not judged here.
   */
  public static boolean isUnknownDockerfileId(String id) {
    return DOCKERFILE_ID.matcher(id).matches() && named(id).isEmpty();
  }

  /** Every rule, in id order. */
  public static List<Rule> all() {
    return ALL;
  }

  /** The rule with this id, or with this hadolint or Trivy id. */
  public static Optional<Rule> named(String name) {
    return ALL.stream().filter(r -> r.isNamed(name)).findFirst();
  }

  private static Rule rule(
      String id, Severity severity, String title, String fix, String aliases, String... trivy) {
    return new Rule(
        id,
        severity,
        title,
        fix,
        aliases.isEmpty() ? List.of() : List.of(aliases.split(",")),
        trivy.length == 0 ? List.of() : List.of(trivy[0].split(",")));
  }
}
