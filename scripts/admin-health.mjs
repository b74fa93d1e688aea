#!/usr/bin/env node
// The container's health check: GET http://127.0.0.1:<port><path> on attache's admin listener and
// exit 0 on a 200, else 1. Default /readyz on 9464: healthy once the plugins' setup succeeded and
// the gRPC listener accepts, unhealthy from the first instant of a drain (so `depends_on:
// service_healthy` in compose starts Envoy only when attache serves). Node's own fetch, no curl.
//
// Usage: node scripts/admin-health.mjs [path] [port]   (default /readyz 9464)

const path = process.argv[2] ?? '/readyz';
const port = Number(process.argv[3] ?? 9464);
try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
  if (res.status !== 200) {
    console.error(`admin-health: ${path} answered ${res.status}: ${(await res.text()).trim()}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`admin-health: ${path}: ${error.message}`);
  process.exit(1);
}
