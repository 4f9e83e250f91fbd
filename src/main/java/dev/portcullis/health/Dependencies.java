package dev.portcullis.health;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server depends on (the store, each registry, each cluster, each receiver) and whether it
 * answered the last time it was used. Jobs report here as they work; {@code /health} and the {@code
 * portcullis_dependency_up} metric read it. A dependency that is down is retried by the job that
 * uses it, with backoff; this only says so.
 */
public final class Dependencies {

  private final Clock clock;
  private final Map<DependencyName, DependencyState> states = new ConcurrentHashMap<>();

  public Dependencies(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The dependency answered. */
  public void up(DependencyName name) {
    states.compute(
        name,
        (key, old) ->
            old != null && old.up()
                ? old.checkedAt(clock.instant())
                : DependencyState.up(clock.instant()));
  }

  /**
   * The dependency failed; the state keeps when it first failed in this stretch.
   *
   * @param problem what went wrong, for people (never a secret: no URL credentials, no tokens)
   */
  public void down(DependencyName name, String problem) {
    Instant now = clock.instant();
    states.compute(
        name,
        (key, old) ->
            old != null && !old.up()
                ? old.failedAgain(now, problem)
                : DependencyState.down(now, problem));
  }

  /** Every dependency reported so far, by name. */
  public Map<DependencyName, DependencyState> snapshot() {
    return Map.copyOf(states);
  }

  /** The dependencies of one kind, such as every registry. */
  public List<DependencyName> named(DependencyKind kind) {
    return states.keySet().stream().filter(name -> name.kind() == kind).sorted().toList();
  }
}
