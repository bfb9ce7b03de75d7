import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FileOffsetStore } from './file-offset-store';
import { encodeOffsetLogEntry } from './offset-log-record';
import type { OffsetCommitRecord } from './offset-store';

const commit = (groupId: string, topic: string, partition: number, offset: number, metadata = ''): OffsetCommitRecord => ({
  groupId, topic, partition, offset, leaderEpoch: -1, metadata, commitTimestamp: 1_700_000_000_000,
});

const offsetOf = (store: FileOffsetStore, groupId: string, topic: string, partition: number) =>
  store.offsets(groupId).get(topic)?.get(partition)?.offset;

describe('FileOffsetStore', () => {
  let dir: string;
  let path: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'offset-store-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  let n = 0;
  const freshPath = () => (path = join(dir, `case-${++n}`, 'offsets.log'));

  test('committed offsets survive reopening, the latest per group, topic and partition', async () => {
    const store = await FileOffsetStore.open(freshPath());
    await store.commit([commit('g1', 't', 0, 5), commit('g1', 't', 1, 6)]);
    await store.commit([commit('g1', 't', 0, 11, 'meta'), commit('g2', 't', 0, 3)]);
    await store.close();
    const reopened = await FileOffsetStore.open(path);
    assert.deepEqual(reopened.offsets('g1').get('t')?.get(0), { offset: 11, leaderEpoch: -1, metadata: 'meta', commitTimestamp: 1_700_000_000_000 });
    assert.equal(offsetOf(reopened, 'g1', 't', 1), 6);
    assert.deepEqual(reopened.groupIds().sort(), ['g1', 'g2']);
    await reopened.close();
  });

  test('a torn tail is ignored on load and cut off, so later commits stay readable', async () => {
    const store = await FileOffsetStore.open(freshPath());
    await store.commit([commit('g', 't', 0, 1)]);
    await store.close();
    const whole = encodeOffsetLogEntry({ kind: 'commit', record: commit('g', 't', 0, 2) });
    await appendFile(path, whole.subarray(0, whole.length - 3));
    const afterCrash = await FileOffsetStore.open(path);
    assert.equal(offsetOf(afterCrash, 'g', 't', 0), 1);
    await afterCrash.commit([commit('g', 't', 0, 3)]);
    await afterCrash.close();
    const again = await FileOffsetStore.open(path);
    assert.equal(offsetOf(again, 'g', 't', 0), 3);
    await again.close();
  });

  test('a last record whose checksum does not match is treated as torn', async () => {
    const store = await FileOffsetStore.open(freshPath());
    await store.commit([commit('g', 't', 0, 1)]);
    await store.commit([commit('g', 't', 0, 2)]);
    await store.close();
    const bytes = await readFile(path);
    bytes[bytes.length - 5] ^= 0xff;
    await writeFile(path, bytes);
    const reopened = await FileOffsetStore.open(path);
    assert.equal(offsetOf(reopened, 'g', 't', 0), 1);
    await reopened.close();
  });

  test('a log that has grown mostly stale is compacted on open, keeping only the latest offsets', async () => {
    const store = await FileOffsetStore.open(freshPath());
    for (let i = 0; i < 50; i++) await store.commit([commit('g', 't', 0, i), commit('gone', 't', 0, i)]);
    await store.deleteGroup('gone');
    await store.close();
    const before = (await stat(path)).size;
    const uncompacted = await FileOffsetStore.open(path); // below the default 1 MiB threshold
    await uncompacted.close();
    assert.equal((await stat(path)).size, before);

    const compacted = await FileOffsetStore.open(path, { compactAtBytes: 1024 });
    assert.equal(offsetOf(compacted, 'g', 't', 0), 49);
    assert.deepEqual(compacted.groupIds(), ['g']);
    await compacted.close();
    assert.equal((await stat(path)).size, encodeOffsetLogEntry({ kind: 'commit', record: commit('g', 't', 0, 49) }).length);
    assert.deepEqual(await readdir(join(path, '..')), ['offsets.log'], 'no temporary file left behind');
    const reopened = await FileOffsetStore.open(path);
    assert.equal(offsetOf(reopened, 'g', 't', 0), 49);
    await reopened.close();
  });

  test('concurrent commits share fdatasync calls, and each resolves only once synced', async () => {
    const store = await FileOffsetStore.open(freshPath());
    const probe = await open(path, 'r');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync(this: unknown): Promise<void> };
    await probe.close();
    const original = fileHandle.datasync;
    let syncs = 0;
    fileHandle.datasync = function (this: unknown) {
      syncs += 1;
      return original.call(this);
    };
    try {
      const commits = Array.from({ length: 50 }, (_, i) => store.commit([commit('g', 't', i, i)]));
      const syncsBeforeAnyAnswer = syncs;
      await Promise.all(commits);
      assert.equal(syncsBeforeAnyAnswer, 0, 'nothing is synced synchronously');
      assert.ok(syncs <= 2, `50 concurrent commits took ${syncs} syncs`);
    } finally {
      fileHandle.datasync = original;
    }
    assert.equal(store.offsets('g').get('t')?.size, 50);
    await store.close();
    await assert.rejects(store.commit([commit('g', 't', 0, 1)]), /closed/);
  });

  test('a commit answered before the process is killed with SIGKILL is there after restart', async () => {
    const file = freshPath();
    const script = `
      const { FileOffsetStore } = require(${JSON.stringify(join(__dirname, 'file-offset-store.ts'))});
      FileOffsetStore.open(process.env.OFFSETS_PATH).then(async (store) => {
        for (let i = 1; i <= 20; i++) {
          await store.commit([{ groupId: 'g', topic: 't', partition: 0, offset: i, leaderEpoch: -1, metadata: '', commitTimestamp: 0 }]);
        }
        process.stdout.write('committed\\n');
        setInterval(() => {}, 1000);
      });`;
    const child = spawn(process.execPath, ['--require', '@swc-node/register', '-e', script], {
      env: { ...process.env, OFFSETS_PATH: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const store = await FileOffsetStore.open(file);
    assert.equal(offsetOf(store, 'g', 't', 0), 20);
    await store.close();
  });
});
