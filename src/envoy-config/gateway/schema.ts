/**
 * The Gateway API and kgateway resources attache reads, as strict schemas: a field attache does
 * not translate is an error, never silently ignored. Field names, types and enums follow Gateway
 * API v1.4+ (`gateway.networking.k8s.io/v1`) and kgateway 2.4/2.5 (`gateway.kgateway.dev/v1alpha1`).
 *
 * @module
 */
import { z } from 'zod';

/** Kubernetes object metadata: only what routing depends on, plus labels and annotations. */
const metadata = z.strictObject({
  name: z.string().min(1).max(253),
  namespace: z.string().min(1).max(63).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** Gateway API `Duration` (GEP-2257): e.g. `1h`, `10s`, `500ms`, `1m30s`. */
export const gatewayDuration = z
  .string()
  .regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, 'a Gateway API duration such as 500ms or 1m30s');

const port = z.number().int().min(1).max(65535);

const listener = z.strictObject({
  name: z.string().min(1).max(253),
  hostname: z.string().min(1).optional(),
  port,
  protocol: z.literal('HTTP', { message: 'only HTTP listeners are translated (no TLS termination)' }),
  allowedRoutes: z
    .strictObject({
      namespaces: z.strictObject({ from: z.enum(['Same', 'All']) }).optional(),
      kinds: z
        .array(z.strictObject({ group: z.string().optional(), kind: z.literal('HTTPRoute') }))
        .optional(),
    })
    .optional(),
});

/** `Gateway` (`gateway.networking.k8s.io/v1`). */
export const gatewaySchema = z.strictObject({
  apiVersion: z.literal('gateway.networking.k8s.io/v1'),
  kind: z.literal('Gateway'),
  metadata,
  spec: z.strictObject({
    gatewayClassName: z.string().min(1),
    listeners: z.array(listener).min(1).max(64),
  }),
});

const parentRef = z.strictObject({
  group: z.literal('gateway.networking.k8s.io').optional(),
  kind: z.literal('Gateway').optional(),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
  sectionName: z.string().min(1).optional(),
  port: port.optional(),
});

const pathMatch = z.strictObject({
  type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']).default('PathPrefix'),
  value: z.string().min(1).max(1024).default('/'),
});

const valueMatch = z.strictObject({
  type: z.enum(['Exact', 'RegularExpression']).default('Exact'),
  name: z.string().min(1).max(256),
  value: z.string().max(4096),
});

const routeMatch = z.strictObject({
  path: pathMatch.optional(),
  headers: z.array(valueMatch).max(16).optional(),
  queryParams: z.array(valueMatch).max(16).optional(),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']).optional(),
});

/** An `ExtensionRef` filter: attache translates the one to a kgateway `TrafficPolicy`. */
const extensionRefFilter = z.strictObject({
  type: z.literal('ExtensionRef', {
    message: 'only ExtensionRef filters (to a kgateway TrafficPolicy) are translated',
  }),
  extensionRef: z.strictObject({
    group: z.literal('gateway.kgateway.dev'),
    kind: z.literal('TrafficPolicy'),
    name: z.string().min(1),
  }),
});

const backendRef = z.strictObject({
  group: z.literal('').optional(),
  kind: z.literal('Service').optional(),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  port,
  weight: z.number().int().min(0).max(1_000_000).optional(),
  filters: z.array(extensionRefFilter).max(16).optional(),
});

const rule = z.strictObject({
  name: z.string().min(1).max(253).optional(),
  matches: z.array(routeMatch).max(64).optional(),
  filters: z.array(extensionRefFilter).max(16).optional(),
  backendRefs: z.array(backendRef).min(1).max(16),
  timeouts: z.strictObject({ request: gatewayDuration.optional() }).optional(),
});

/** `HTTPRoute` (`gateway.networking.k8s.io/v1`). */
export const httpRouteSchema = z.strictObject({
  apiVersion: z.literal('gateway.networking.k8s.io/v1'),
  kind: z.literal('HTTPRoute'),
  metadata,
  spec: z.strictObject({
    parentRefs: z.array(parentRef).min(1).max(32),
    hostnames: z.array(z.string().min(1).max(253)).max(16).optional(),
    rules: z.array(rule).min(1).max(16),
  }),
});

const headerMode = z.enum(['DEFAULT', 'SEND', 'SKIP']);
const bodyMode = z.enum(['NONE', 'STREAMED', 'BUFFERED', 'BUFFERED_PARTIAL', 'FULL_DUPLEX_STREAMED']);

/** kgateway's `ProcessingMode`. */
export const kgatewayProcessingMode = z.strictObject({
  requestHeaderMode: headerMode.optional(),
  responseHeaderMode: headerMode.optional(),
  requestBodyMode: bodyMode.optional(),
  responseBodyMode: bodyMode.optional(),
  requestTrailerMode: headerMode.optional(),
  responseTrailerMode: headerMode.optional(),
});

/** kgateway's `ExtProcProvider` (`GatewayExtension.spec.extProc`, 2.4). */
export const extProcProvider = z.strictObject({
  grpcService: z.strictObject({
    backendRef: z.strictObject({
      group: z.literal('').optional(),
      kind: z.literal('Service').optional(),
      name: z.string().min(1),
      namespace: z.string().min(1).optional(),
      port,
    }),
    authority: z.string().min(1).optional(),
    requestTimeout: gatewayDuration.optional(),
    retry: z
      .strictObject({
        attempts: z.number().int().min(0).optional(),
        backoff: z
          .strictObject({ baseInterval: gatewayDuration, maxInterval: gatewayDuration.optional() })
          .optional(),
      })
      .optional(),
  }),
  failOpen: z.boolean().optional(),
  processingMode: kgatewayProcessingMode.optional(),
  allowProcessingModeOverride: z.boolean().optional(),
  allowedProcessingModeOverrides: z.array(kgatewayProcessingMode).optional(),
  messageTimeout: gatewayDuration.optional(),
  maxMessageTimeout: gatewayDuration.optional(),
  statPrefix: z.string().min(1).optional(),
  routeCacheAction: z.enum(['FromResponse', 'Clear', 'Retain']).optional(),
  metadataOptions: z
    .strictObject({
      forwarding: z
        .strictObject({
          typed: z.array(z.string()).min(1).optional(),
          untyped: z.array(z.string()).min(1).optional(),
        })
        .optional(),
    })
    .optional(),
  requestAttributes: z.array(z.string().min(1)).optional(),
  filterStage: z
    .strictObject({
      stage: z.enum(['Fault', 'AuthN', 'AuthZ', 'RateLimit', 'Route']),
      predicate: z.enum(['Before', 'During', 'After']).optional(),
      weight: z.number().int().optional(),
    })
    .optional(),
});

/** `GatewayExtension` (`gateway.kgateway.dev/v1alpha1`) with `extProc`. */
export const gatewayExtensionSchema = z.strictObject({
  apiVersion: z.literal('gateway.kgateway.dev/v1alpha1'),
  kind: z.literal('GatewayExtension'),
  metadata,
  spec: z.strictObject({
    type: z.literal('ExtProc').optional(),
    extProc: extProcProvider,
  }),
});

const targetRef = z.strictObject({
  group: z.literal('gateway.networking.k8s.io'),
  kind: z.enum(['Gateway', 'HTTPRoute']),
  name: z.string().min(1),
  sectionName: z.string().min(1).optional(),
});

/** kgateway's `ExtProcPolicy`: exactly one of `extensionRef` and `disable`. */
const extProcPolicy = z
  .strictObject({
    extensionRef: z
      .strictObject({ name: z.string().min(1), namespace: z.string().min(1).optional() })
      .optional(),
    disable: z.strictObject({}).optional(),
    processingMode: kgatewayProcessingMode.optional(),
  })
  .refine((p) => (p.extensionRef === undefined) !== (p.disable === undefined), {
    message: 'set exactly one of extensionRef and disable',
  });

/** `TrafficPolicy` (`gateway.kgateway.dev/v1alpha1`): only `targetRefs` and `extProc` are translated. */
export const trafficPolicySchema = z.strictObject({
  apiVersion: z.literal('gateway.kgateway.dev/v1alpha1'),
  kind: z.literal('TrafficPolicy'),
  metadata,
  spec: z.strictObject({
    targetRefs: z.array(targetRef).min(1).max(16).optional(),
    extProc: extProcPolicy,
  }),
});

export type GatewayResource = z.output<typeof gatewaySchema>;
export type HttpRouteResource = z.output<typeof httpRouteSchema>;
export type GatewayExtensionResource = z.output<typeof gatewayExtensionSchema>;
export type TrafficPolicyResource = z.output<typeof trafficPolicySchema>;
export type KgatewayProcessingMode = z.output<typeof kgatewayProcessingMode>;

/** The schema for each `apiVersion` + `kind` attache reads. */
export const SCHEMAS = {
  'gateway.networking.k8s.io/v1 Gateway': gatewaySchema,
  'gateway.networking.k8s.io/v1 HTTPRoute': httpRouteSchema,
  'gateway.kgateway.dev/v1alpha1 GatewayExtension': gatewayExtensionSchema,
  'gateway.kgateway.dev/v1alpha1 TrafficPolicy': trafficPolicySchema,
} as const;
