/** Answers with markup and control characters where the report shows the target's words: reports must escape them. */
import { forward, isVendor, serve, type HostileTarget } from './server.ts';

export const INJECTED = '</code></pre><script>document.title="owned"</script><img src=x onerror=alert(1)>\u0000\u001b[31m';

export const markup: HostileTarget = {
  name: 'markup',
  behaviour: 'puts <script> tags and control characters in its answers',
  start: (upstream) => serve((req, res) => forward(upstream, req, res, (answer, path) => {
    if (!isVendor(path)) return;
    // eslint-disable-next-line no-control-regex -- what must not get through
    answer.headers['content-type'] = `application/json; x="${INJECTED.replace(/[\u0000-\u001f"]/g, '')}"`;
    answer.body = JSON.stringify({ error: INJECTED, message: INJECTED, detail: INJECTED, totalWorkflowRuns: INJECTED });
  })),
};
