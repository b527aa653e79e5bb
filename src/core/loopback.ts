/** Whether an address to bind is on this machine only (so the admin API needs no token there). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether an address to bind is every interface of this machine (`0.0.0.0`, `::`, or none given). */
export function isAnyAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
