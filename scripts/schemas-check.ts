// `npm run schemas:check` (CI): every schemas/*.avsc parses, and every changed one is BACKWARD
// compatible with its previous committed version, so consumers on the new schema can read
// everything already written with the old one (Confluent's default subject compatibility).
//
// Previous version = the file at `git merge-base HEAD origin/main` when there is an origin/main
// (a branch in CI is checked against main), else at HEAD (local uncommitted changes are checked
// against the last commit). `--base=<ref>` overrides, e.g. `--base=HEAD~1` after a merge to main.
// A file that did not exist at the base is new and has nothing to be compatible with.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBackwardCompatible, parseAvroSchema } from '../libs/avro/src';

const root = join(__dirname, '..');
const schemasDir = join(root, 'schemas');

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function chooseBase(): { ref: string; label: string } {
  const override = process.argv.find((a) => a.startsWith('--base='))?.slice('--base='.length);
  if (override) return { ref: override, label: override };
  const mergeBase = git('merge-base', 'HEAD', 'origin/main')?.trim();
  if (mergeBase) return { ref: mergeBase, label: `merge-base with origin/main (${mergeBase.slice(0, 10)})` };
  return { ref: 'HEAD', label: 'HEAD (no origin/main)' };
}

function main(): number {
  const base = chooseBase();
  if (git('rev-parse', '--verify', '--quiet', `${base.ref}^{commit}`) === undefined) {
    console.error(`schemas:check: ${base.ref} is not a commit`);
    return 1;
  }
  const files = readdirSync(schemasDir).filter((f) => f.endsWith('.avsc')).sort();
  console.log(`schemas:check: ${files.length} schemas in schemas/, compared with ${base.label}`);
  let failures = 0;
  for (const file of files) {
    const text = readFileSync(join(schemasDir, file), 'utf8');
    try {
      parseAvroSchema(text, { strictLogicalTypes: true });
    } catch (error) {
      failures++;
      console.log(`  FAIL  ${file}: does not parse: ${(error as Error).message}`);
      continue;
    }
    const previous = git('show', `${base.ref}:schemas/${file}`);
    if (previous === undefined) {
      console.log(`  new   ${file}: no earlier version, nothing to be compatible with`);
    } else if (previous === text) {
      console.log(`  ok    ${file}: unchanged`);
    } else {
      const problems = checkBackwardCompatible(previous, text);
      if (problems.length === 0) {
        console.log(`  ok    ${file}: changed, BACKWARD compatible`);
      } else {
        failures++;
        console.log(`  FAIL  ${file}: not BACKWARD compatible with its previous version; data already written could not be read:`);
        for (const problem of problems) console.log(`          ${problem.path || '(root)'}: ${problem.message}`);
      }
    }
  }
  if (failures > 0) {
    console.error(`schemas:check: ${failures} of ${files.length} schemas failed`);
    return 1;
  }
  console.log('schemas:check: all schemas parse and are BACKWARD compatible');
  return 0;
}

process.exitCode = main();
