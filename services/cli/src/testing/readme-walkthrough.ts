import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './built-cli';

/** The README's walkthrough: its code blocks' lines, comments cut, continued lines joined. */
export function readmeWalkthrough(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Walkthrough:');
  if (start < 0) throw new Error("README.md has no '### Walkthrough:' section");
  const rest = readme.slice(start + 1);
  const end = rest.search(/\n##/);
  const section = end < 0 ? rest : rest.slice(0, end);
  const lines: string[] = [];
  let inCode = false;
  let pending = '';
  for (const raw of section.split('\n')) {
    if (raw.startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (!inCode) continue;
    // A comment starts after two spaces and '#': `npx tributary runs   # newest first`.
    const line = raw.replace(/\s{2,}#.*$/, '').trim();
    if (line.endsWith('\\')) pending += line.slice(0, -1).trim() + ' ';
    else if (pending || line) {
      lines.push(pending + line);
      pending = '';
    }
  }
  return lines;
}

export interface ShellCommand {
  /** `NAME=value` prefixes. */
  readonly env: Record<string, string>;
  /** The words after `npx tributary`. */
  readonly args: string[];
  /** The file after `<`, if any. */
  readonly stdinFile?: string;
}

/**
 * Splits one `[VAR=value ...] npx tributary ARGS [< FILE]` line as sh would, for the quoting
 * the README uses ('...' and "..."); anything else is refused rather than guessed.
 */
export function parseCommand(line: string): ShellCommand {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ('$`|;&>()*?'.includes(char)) {
      throw new Error(`the walkthrough line '${line}' uses shell syntax this test does not run ('${char}')`);
    } else word = (word ?? '') + char;
  }
  if (quote) throw new Error(`unclosed quote in '${line}'`);
  if (word !== undefined) words.push(word);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  if (words[0] !== 'npx' || words[1] !== 'tributary') throw new Error(`not a 'npx tributary' command: '${line}'`);
  const args = words.slice(2);
  const redirect = args.indexOf('<');
  if (redirect < 0) return { env, args };
  if (redirect !== args.length - 2) throw new Error(`'<' must be followed by one file, last: '${line}'`);
  return { env, args: args.slice(0, redirect), stdinFile: args[redirect + 1] };
}
