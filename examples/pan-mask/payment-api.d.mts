/** A request as the payment API sees it. */
export interface ApiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}
/** What reached the API: its log. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
/** A payment API: `handle` answers one request; `received` is its log of what reached it. */
export function createPaymentApi(): {
  received: Received[];
  handle(req: ApiRequest): { status: number; body: string };
};
