import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { route } from '../remote/control-plane-client';
import { readSecret } from '../terminal/secret-input';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const secretsHelp = `tributary secrets: store connection credentials (write-only: values are never shown)

Usage: tributary secrets set NAME [--from-file FILE]
       tributary secrets [list]
       tributary secrets delete NAME

  --from-file FILE          the value is the file's content (e.g. a JSON object of fields)
${REMOTE_HELP}

Without --from-file the value is asked without echo, or read from stdin when it is not a
terminal (\`tributary secrets set acme-erp < erp.json\`); one trailing newline is dropped.
A value that is a JSON object is stored as its fields (host, user, password, ...). The value
never appears in the output, the control plane's answers or its logs. Pipelines refer to the
secret by name: \`connection: { secret: NAME }\`.`;

interface SecretView {
  name: string;
  keyId: string;
  updatedBy: string;
  updatedAt: string;
}

export async function runSecrets(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, { 'from-file': { type: 'string' } }, { min: 0, max: 2, usage: "'set NAME', 'list' or 'delete NAME'" });
  if (values.help) return showHelp(terminal, secretsHelp);
  const [action = 'list', name] = positionals;
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  if (action === 'list' && name === undefined) {
    const { items } = await client.call<{ items: SecretView[] }>('GET', route('tenants', tenant, 'secrets'));
    if (values.json) printJson(terminal, items);
    else println(terminal.stdout, renderTable(['name', 'key id', 'updated by', 'updated'], items.map((s) => [s.name, s.keyId, s.updatedBy, shortTime(s.updatedAt)])));
    return 0;
  }
  if (name === undefined || (action !== 'set' && action !== 'delete')) throw new UsageError(`expected 'set NAME', 'list' or 'delete NAME', got '${positionals.join(' ')}'`);
  if (action === 'delete') {
    await client.call('DELETE', route('tenants', tenant, 'secrets', name));
    if (!values.json) println(terminal.stdout, `Deleted secret ${name} in tenant ${tenant}.`);
    return 0;
  }
  const value = await secretValue(flag(values, 'from-file'), terminal, name);
  const saved = await client.call<SecretView & { created: boolean }>('PUT', route('tenants', tenant, 'secrets', name), { body: { value } });
  if (values.json) printJson(terminal, saved);
  else println(terminal.stdout, `${saved.created ? 'Created' : 'Replaced'} secret ${name} in tenant ${tenant} (sealed under key ${saved.keyId}).`);
  return 0;
}

/** The value as text, or as an object of fields when it is a JSON object (how connectors read credentials). */
async function secretValue(file: string | undefined, terminal: Terminal, name: string): Promise<string | Record<string, unknown>> {
  let text: string;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new UsageError(`--from-file ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  } else {
    text = await readSecret(terminal, `Value of ${name}: `);
  }
  if (text === '') throw new UsageError('the value is empty');
  if (text.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON after all: stored as the text it is
    }
  }
  return text;
}
