/**
 * Envoy Gateway's `EnvoyExtensionPolicy` (gateway.envoyproxy.io/v1alpha1, 1.9) as far as
 * `attache envoy-gateway` writes it, strict: field names, types and enums from its API reference
 * (`api/v1alpha1/envoyextensionypolicy_types.go`, `ext_proc_types.go`), including the CEL rules
 * on `FullDuplexStreamed` and writable namespaces. Generated policies are checked against it.
 *
 * @module
 */
import { z } from 'zod';
import { gatewayDuration } from './schema.js';

const targetRef = z.strictObject({
  group: z.literal('gateway.networking.k8s.io'),
  kind: z.enum(['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'UDPRoute', 'TCPRoute', 'TLSRoute']),
  name: z.string().min(1).max(253),
  sectionName: z.string().min(1).max(253).optional(),
});

const modeOptions = z.strictObject({
  body: z.enum(['Streamed', 'Buffered', 'BufferedPartial', 'FullDuplexStreamed']).optional(),
  attributes: z
    .array(
      z
        .string()
        .regex(
          /^(connection\.|source\.|destination\.|request\.|response\.|upstream\.|xds\.route_)[a-z_1-9]*$/,
        ),
    )
    .optional(),
});

const STATUS = [400, 401, 403, 404, 405, 408, 413, 429, 500, 501, 502, 503, 504] as const;

const extProc = z
  .strictObject({
    backendRefs: z
      .array(
        z.strictObject({
          group: z.string().optional(),
          kind: z.enum(['Service', 'ServiceImport', 'Backend']).optional(),
          name: z.string().min(1),
          namespace: z.string().min(1).optional(),
          port: z.number().int().min(1).max(65535),
          weight: z.number().int().min(0).optional(),
        }),
      )
      .min(1)
      .max(16),
    messageTimeout: gatewayDuration.optional(),
    failOpen: z.boolean().optional(),
    processingMode: z
      .strictObject({
        request: modeOptions.optional(),
        response: modeOptions.optional(),
        allowModeOverride: z.boolean().optional(),
      })
      .optional(),
    metadata: z
      .strictObject({
        accessibleNamespaces: z.array(z.string()).optional(),
        writableNamespaces: z
          .array(
            z
              .string()
              .refine((n) => !n.startsWith('envoy.filters.http'), 'may not be under envoy.filters.http'),
          )
          .max(8)
          .optional(),
      })
      .optional(),
    shadowMode: z.boolean().optional(),
    statusOnError: z
      .union(STATUS.map((s) => z.literal(s)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>])
      .optional(),
  })
  .refine(
    (p) =>
      !(
        p.failOpen === true &&
        [p.processingMode?.request?.body, p.processingMode?.response?.body].includes('FullDuplexStreamed')
      ),
    'FullDuplexStreamed requires failOpen false',
  );

/** `EnvoyExtensionPolicy` with `extProc`. */
export const envoyExtensionPolicySchema = z.strictObject({
  apiVersion: z.literal('gateway.envoyproxy.io/v1alpha1'),
  kind: z.literal('EnvoyExtensionPolicy'),
  metadata: z.strictObject({ name: z.string().min(1).max(253), namespace: z.string().min(1).max(63) }),
  spec: z.strictObject({
    targetRefs: z.array(targetRef).min(1).max(16),
    extProc: z.array(extProc).min(1).max(16),
  }),
});
