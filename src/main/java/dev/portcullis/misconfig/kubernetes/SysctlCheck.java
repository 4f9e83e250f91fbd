package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** sysctls: only the namespaced, isolated "safe" set, which grew over the releases. */
final class SysctlCheck {

  static final Set<String> ALLOWED_1_0 =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start");

  static final Set<String> ALLOWED_1_27 = plus(ALLOWED_1_0, "net.ipv4.ip_local_reserved_ports");

  static final Set<String> ALLOWED_1_29 =
      plus(
          ALLOWED_1_27,
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  static final Set<String> ALLOWED_1_32 =
      plus(ALLOWED_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

  static final Set<String> ALLOWED_1_37 =
      plus(ALLOWED_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  private final Set<String> allowed;

  SysctlCheck(Set<String> allowed) {
    this.allowed = allowed;
  }

  PssViolation check(PodView pod) {
    List<String> forbidden = new ArrayList<>();
    List<FieldRef> fields = new ArrayList<>();
    Node sysctls = pod.spec().at("securityContext.sysctls");
    List<Node> items = sysctls == null ? List.of() : sysctls.items();
    for (int i = 0; i < items.size(); i++) {
      String name = Fields.string(items.get(i).get("name"));
      if (!allowed.contains(name)) {
        forbidden.add(name);
        fields.add(
            PodView.field(
                items.get(i), pod.specPath() + ".securityContext.sysctls[" + i + "]", "name"));
      }
    }
    if (forbidden.isEmpty()) {
      return null;
    }
    return new PssViolation("sysctls", "forbidden sysctls", String.join(", ", forbidden), fields);
  }

  private static Set<String> plus(Set<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }
}
