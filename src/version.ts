/** flowmock's version, from package.json (one source of truth). */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
