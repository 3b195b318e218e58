import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logWarning } from '../../src/log/logger.js';

const now = new Date('2026-12-07T04:00:00.123Z');

test('a warning goes to the --log file alone, in the format asked for, as logrus writes it', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'hardrun-logger-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const json = join(dir, 'json.log');
  const text = join(dir, 'text.log');
  logWarning({ path: json, format: 'json' }, 'the audit record was not written', now);
  logWarning({ path: text, format: undefined }, 'plain', now);
  logWarning({ path: text, format: 'text' }, 'two words', now);
  t.is(await readFile(json, 'utf8'), '{"level":"warning","msg":"the audit record was not written","time":"2026-12-07T04:00:00Z"}\n');
  t.is(await readFile(text, 'utf8'), 'time="2026-12-07T04:00:00Z" level=warning msg=plain\ntime="2026-12-07T04:00:00Z" level=warning msg="two words"\n');
});

test('without --log a warning is written nowhere, and a log that cannot be written fails nothing', t => {
  t.notThrows(() => { logWarning({ path: undefined, format: undefined }, 'nowhere', now); });
  t.notThrows(() => { logWarning({ path: '/nonexistent-dir/x.log', format: 'json' }, 'lost', now); });
});
