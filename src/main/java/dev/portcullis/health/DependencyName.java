package dev.portcullis.health;

import java.util.Comparator;
import java.util.Objects;

/**
 * One dependency: its kind and which one, such as a registry's host and port.
 *
 * @param kind what it is
 * @param target which one; never carries credentials
 */
public record DependencyName(DependencyKind kind, String target)
    implements Comparable<DependencyName> {

  private static final Comparator<DependencyName> ORDER =
      Comparator.comparing(DependencyName::kind).thenComparing(DependencyName::target);

  public DependencyName {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  public static DependencyName of(DependencyKind kind, String target) {
    return new DependencyName(kind, target);
  }

  @Override
  public int compareTo(DependencyName other) {
    return ORDER.compare(this, other);
  }
}
