package dev.portcullis.bench;

import dev.portcullis.misconfig.kubernetes.KubernetesLintOptions;
import dev.portcullis.misconfig.kubernetes.KubernetesLintResult;
import dev.portcullis.misconfig.kubernetes.KubernetesLinter;
import dev.portcullis.misconfig.kubernetes.ManifestFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code lint k8s} over 1,000 manifest files (a Deployment with a Service, a StatefulSet, a
 * CronJob, RBAC and NetworkPolicies in turn, 40 to 70 lines each) in 25 namespaces, read from disk:
 * reading, Pod Security Standards, the checklist, NetworkPolicy, RBAC and Secret checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class KubernetesLintBenchmark {

  static final int FILES = 1000;

  private List<ManifestFinder.Found> files;

  @Setup
  public void write() throws IOException {
    Path dir = Files.createTempDirectory("portcullis-k8s-bench");
    for (int i = 0; i < FILES; i++) {
      String namespace = "team" + (i % 25);
      Files.writeString(dir.resolve("m" + i + ".yaml"), manifest(i, namespace));
    }
    files = new ManifestFinder().find(List.of(dir));
  }

  @Benchmark
  public KubernetesLintResult lint1000Files() throws IOException {
    return new KubernetesLinter(KubernetesLintOptions.defaults()).lint(files);
  }

  static String manifest(int i, String namespace) {
    return switch (i % 4) {
      case 0 -> DEPLOYMENT.formatted(i, namespace, i, i, i, i, i, namespace);
      case 1 -> STATEFUL_SET.formatted(i, namespace, i, i, i);
      case 2 -> CRON_JOB.formatted(i, namespace);
      default -> RBAC.formatted(i, namespace, i, namespace, namespace, i, namespace);
    };
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-%d
        namespace: %s
        labels: {app: web-%d}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web-%d}
        template:
          metadata:
            labels: {app: web-%d}
          spec:
            securityContext:
              runAsNonRoot: true
              seccompProfile: {type: RuntimeDefault}
            containers:
            - name: app
              image: registry.example.com/web:1.%d.0
              ports:
              - containerPort: 8080
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                capabilities: {drop: [ALL]}
              resources:
                requests: {cpu: 100m, memory: 128Mi}
                limits: {cpu: 500m, memory: 256Mi}
              livenessProbe:
                httpGet: {path: /healthz, port: 8080}
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web-%d
        namespace: %s
      spec:
        ports:
        - port: 80
          targetPort: 8080
      """;

  private static final String STATEFUL_SET =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db-%d
        namespace: %s
      spec:
        serviceName: db-%d
        selector:
          matchLabels: {app: db-%d}
        template:
          metadata:
            labels: {app: db-%d}
          spec:
            containers:
            - name: postgres
              image: postgres:16
              env:
              - name: POSTGRES_PASSWORD
                valueFrom:
                  secretKeyRef: {name: db, key: password}
              volumeMounts:
              - {name: data, mountPath: /var/lib/postgresql/data}
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources:
              requests: {storage: 10Gi}
      """;

  private static final String CRON_JOB =
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report-%d
        namespace: %s
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                hostNetwork: true
                containers:
                - name: report
                  image: busybox:latest
                  command: [sh, -c, "date"]
                  securityContext:
                    privileged: true
      """;

  private static final String RBAC =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: reader-%d
        namespace: %s
      rules:
      - apiGroups: [""]
        resources: [configmaps, secrets]
        verbs: [get, list, watch]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: reader-%d
        namespace: %s
      subjects:
      - kind: ServiceAccount
        name: reader
        namespace: %s
      roleRef:
        kind: Role
        name: reader-%d
        apiGroup: rbac.authorization.k8s.io
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: default-deny
        namespace: %s
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      """;
}
