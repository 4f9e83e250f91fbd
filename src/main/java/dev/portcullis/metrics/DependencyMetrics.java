package dev.portcullis.metrics;

import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyName;
import dev.portcullis.health.DependencyState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code portcullis_dependency_up{kind, target}}: 1 while a dependency answers, 0 while it fails. A
 * dependency gets its gauge when it is first reported, so the registry is brought up to date before
 * each scrape.
 */
public final class DependencyMetrics {

  private final Dependencies dependencies;
  private final MeterRegistry registry;

  public DependencyMetrics(Dependencies dependencies, MeterRegistry registry) {
    this.dependencies = dependencies;
    this.registry = registry;
  }

  /** Registers a gauge for every dependency reported since the last call. */
  public void refresh() {
    for (DependencyName name : dependencies.snapshot().keySet()) {
      Gauge.builder("portcullis.dependency.up", dependencies, d -> upValue(d, name))
          .description("Whether a dependency answered when it was last used (1) or failed (0)")
          .tag("kind", name.kind().label())
          .tag("target", name.target())
          .register(registry);
    }
  }

  private static double upValue(Dependencies dependencies, DependencyName name) {
    DependencyState state = dependencies.snapshot().get(name);
    return state == null ? Double.NaN : state.up() ? 1 : 0;
  }
}
