/**
 * The writer a crash round kills (test/node/helpers/crash-round.ts): opens the change log at PATH and
 * appends from WRITERS concurrent writers as fast as it can, printing `<seq> <writer> <i>` for each change
 * only AFTER its append has resolved — the acknowledgements the parent then holds the log to.
 *
 *     node --import tsx test/node/helpers/append-child.ts PATH ROUND [WRITERS] [PAD] [COMPACT_MIN_BYTES]
 *
 * Lines go to fd 1 with writeSync (each < PIPE_BUF, so whole or not at all): once printed, a line is in the
 * pipe, and SIGKILL cannot take it back.
 */
import { writeSync } from 'node:fs';
import { openChangeLog } from '../../../src/node/change-log.ts';
import { change, scenario } from './changes.ts';

const [path, round, writers = '10', pad = '600', compactMinBytes = '65536'] = process.argv.slice(2);
if (path === undefined || round === undefined) throw new Error('usage: append-child.ts PATH ROUND [WRITERS] [PAD] [COMPACT_MIN_BYTES]');

function print(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

const started = performance.now();
const opened = await openChangeLog(path, {
  initialScenario: scenario('crash'),
  autoCompact: { minLogBytes: Number(compactMinBytes), ratio: 0.5 },
});
const { log } = opened;
print(`ready ${opened.seq} ${opened.repaired?.reason ?? '-'} ${opened.repaired?.droppedBytes ?? 0} ${opened.removedTemporaryFiles.length} ${opened.staleRecords} ${(performance.now() - started).toFixed(1)}`);
let compactions = 0;
for (let w = 0; w < Number(writers); w++) {
  void (async () => {
    for (let i = 0; ; i++) {
      const seq = await log.append(change(`r${round}-w${w}-${i}`, Number(pad)));
      print(`${seq} ${w} ${i}`);
      if (log.stats.compactions !== compactions) {
        compactions = log.stats.compactions;
        print(`compactions ${compactions}`);
      }
    }
  })();
}
