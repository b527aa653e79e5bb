// Tests run the core under Node: it reads our specs from the files (src/node/own-files.ts).
import { useOwnFiles } from '../../src/node/own-files.ts';

useOwnFiles();
