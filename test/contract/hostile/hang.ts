/** Accepts every connection and never answers. */
import { serve, type HostileTarget } from './server.ts';

export const hang: HostileTarget = {
  name: 'hang',
  behaviour: 'accepts connections, never answers',
  start: () => serve(() => undefined),
};
