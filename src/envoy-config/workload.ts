/**
 * The processor's Kubernetes workload, shared by `attache kgateway` and `attache envoy-gateway`:
 * a non-root Deployment (one server process per pod, probes on the admin listener's `/readyz` and
 * `/healthz` and Prometheus scrape annotations for its `/metrics`, or on the gRPC health service
 * when `admin.address` is off; graceful termination longer than attache's drain), a Service Envoy reaches over HTTP/2 cleartext, a
 * HorizontalPodAutoscaler and a PodDisruptionBudget. Scaling out is Kubernetes' replicas and
 * Envoy's load balancing, not processes inside a pod.
 *
 * @module
 */
import type { GenerationContext } from './context.js';

/** Where the manifests go and what runs. */
export interface ManifestOptions {
  readonly namespace: string;
  /** The processor's image (built from the repository's Dockerfile). */
  readonly image: string;
}

/** The name of the processor's Deployment, Service, HPA and PDB. */
export const WORKLOAD_NAME = 'attache';
/** The gRPC port in the pod. */
export function grpcPort(context: GenerationContext): number {
  const m = /:(\d+)$/.exec(context.loaded.config.grpc.address);
  const port = m === null ? 0 : Number(m[1]);
  return port === 0 ? 50051 : port;
}

/** The admin listener's port in the pod (`admin.address`'s, 9464 by default); null when off. */
export function adminPort(context: GenerationContext): number | null {
  const address = context.loaded.config.admin.address;
  if (address === 'off') return null;
  const port = Number(/:(\d+)$/.exec(address)?.[1] ?? 0);
  return port === 0 ? 9464 : port;
}

const labels = { 'app.kubernetes.io/name': WORKLOAD_NAME };

/** Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget. */
export function workload(
  context: GenerationContext,
  options: ManifestOptions,
): Array<Record<string, unknown>> {
  const { config, file } = context.loaded;
  const port = grpcPort(context);
  const metadata = { name: WORKLOAD_NAME, namespace: options.namespace, labels };
  // SIGTERM: health NOT_SERVING for drainDelayMs, then open streams get shutdownGraceMs; Kubernetes
  // must not kill the pod before both are over.
  const drainSeconds = Math.ceil((config.timeouts.drainDelayMs + config.timeouts.shutdownGraceMs) / 1000);
  const admin = adminPort(context);
  // With the admin listener: readiness is /readyz (503 while setup runs and from the first instant
  // of a drain), liveness /healthz (answers while the event loop does, drain included), start-up
  // the first /readyz 200. Without it, gRPC health (NOT_SERVING likewise).
  const probe = (period: number, failures: number, path: '/readyz' | '/healthz') => ({
    ...(admin === null ? { grpc: { port } } : { httpGet: { path, port: 'admin' } }),
    periodSeconds: period,
    timeoutSeconds: 1,
    failureThreshold: failures,
  });
  const args = ['serve', '--config', file, '--processes', '1', '--address', `0.0.0.0:${port}`];
  if (admin !== null) args.push('--admin-address', `0.0.0.0:${admin}`);
  const ports: Array<Record<string, unknown>> = [{ name: 'grpc', containerPort: port, protocol: 'TCP' }];
  if (admin !== null) ports.push({ name: 'admin', containerPort: admin, protocol: 'TCP' });
  // The de-facto pod annotations Prometheus' kubernetes_sd relabelling looks for
  // (examples/observability/prometheus.yml); a ServiceMonitor is there too.
  const annotations =
    admin === null
      ? undefined
      : {
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(admin),
          'prometheus.io/path': '/metrics',
        };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: annotations === undefined ? { labels } : { labels, annotations },
          spec: {
            terminationGracePeriodSeconds: drainSeconds + 5,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              runAsGroup: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'attache',
                image: options.image,
                args,
                ports,
                startupProbe: probe(1, 30, '/readyz'),
                readinessProbe: probe(2, 1, '/readyz'),
                livenessProbe: probe(10, 3, '/healthz'),
                resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '512Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        selector: labels,
        // appProtocol h2c: kgateway (and Istio) build an HTTP/2 cluster for it, which gRPC needs.
        ports: [
          { name: 'grpc', port, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
        ],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: WORKLOAD_NAME },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    },
  ];
}
