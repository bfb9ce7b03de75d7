import { AuthError, UsageError } from '../cli-error';
import { ControlPlaneClient } from '../remote/control-plane-client';
import { credentialsPath, readCredentials, removeCredentials, writeCredentials, type StoredCredentials } from '../remote/credentials-file';
import { remoteSettings } from '../remote/remote-settings';
import { readLine, readSecret } from '../terminal/secret-input';
import { println, type Terminal } from '../terminal/terminal';
import { flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const loginHelp = `tributary login: log in to a control plane; later commands use the credential it keeps

Usage: tributary login [--email EMAIL] [--url URL]     a user: asks for the password
       tributary login --api-key [--url URL]           an API key: from TRIBUTARY_API_KEY or stdin
       tributary login --status                        who the current credential is

  --email EMAIL             the user's email (asked when stdin is a terminal)
  --api-key                 keep an API key instead (stored as is; revoke it in the control plane)
  --status                  show the credential in use (exit 3 if there is none or it is refused)
${REMOTE_HELP}

The password is asked without echo, or read from stdin when stdin is not a terminal
(\`printf %s "$PASSWORD" | tributary login --email me@acme.test\`). The credential goes to
~/.config/tributary/credentials.json (or $XDG_CONFIG_HOME/tributary), readable by you only
(0600), and is sent only to the URL it was issued by. Access tokens are short-lived (15 minutes
by default); a password login's session (7 days by default) renews them as commands need, so
\`tail\` and \`run --follow\` outlive them. Log in again once the session ends, or use an API
key for scripts. TRIBUTARY_TOKEN or TRIBUTARY_API_KEY in the environment take precedence over
the file.`;

export const logoutHelp = `tributary logout: end the login's session and forget the credential 'tributary login' kept

Usage: tributary logout`;

export async function runLogin(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseRemote(args, { email: { type: 'string' }, 'api-key': { type: 'boolean' }, status: { type: 'boolean' } }, { min: 0, max: 0, usage: 'no arguments' });
  if (values.help) return showHelp(terminal, loginHelp);
  if (values.status) return status(values, terminal);
  const settings = remoteSettings({ url: flag(values, 'url') }, { ...terminal.env, TRIBUTARY_TOKEN: undefined, TRIBUTARY_API_KEY: undefined });
  const stored = values['api-key'] ? await apiKeyLogin(settings.url, terminal) : await passwordLogin(settings.url, flag(values, 'email'), terminal);
  const file = writeCredentials(terminal.env, stored);
  if (values.json) {
    const { secret: _secret, ...shown } = stored;
    printJson(terminal, { ...shown, file });
  } else {
    const until = stored.sessionExpiresAt ? `; the session lasts until ${stored.sessionExpiresAt}` : stored.expiresAt ? `; the token expires at ${stored.expiresAt}` : '';
    println(terminal.stdout, `Logged in to ${stored.url} as ${stored.identity} (tenant ${stored.tenant})${until}.`);
    println(terminal.stdout, `Credential kept in ${file} (readable by you only).`);
  }
  return 0;
}

export async function runLogout(args: string[], terminal: Terminal): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) return showHelp(terminal, logoutHelp);
  if (args.length > 0) throw new UsageError(`logout takes no arguments, got '${args.join(' ')}'`);
  const stored = readCredentials(terminal.env);
  // The session is ended first, so a copy of the file left anywhere trades for nothing more.
  if (stored?.refreshToken) {
    await new ControlPlaneClient({ url: stored.url })
      .call('POST', '/auth/logout', { body: { refreshToken: stored.refreshToken }, anonymous: true })
      .catch((err: Error) => println(terminal.stderr, `Could not end the session at ${stored.url} (${err.message}); it ends by itself at ${stored.sessionExpiresAt ?? 'its expiry'}.`));
  }
  println(terminal.stdout, removeCredentials(terminal.env) ? `Removed ${credentialsPath(terminal.env)}.` : 'Not logged in; nothing to remove.');
  return 0;
}

async function passwordLogin(url: string, email: string | undefined, terminal: Terminal): Promise<StoredCredentials> {
  if (!email) {
    if (!terminal.stdin.isTTY) throw new UsageError('--email is needed when stdin is not a terminal (stdin then carries the password)');
    email = (await readLine(terminal, 'Email: ')).trim();
  }
  const password = await readSecret(terminal, 'Password: ');
  if (!password) throw new UsageError('the password is empty');
  const client = new ControlPlaneClient({ url });
  const answer = await client.call<{
    accessToken: string;
    expiresIn: number;
    refreshToken?: string;
    refreshExpiresIn?: number;
    user: { email: string; tenant: string; role: string; platformAdmin: boolean };
  }>('POST', '/auth/login', {
    body: { email, password },
    anonymous: true,
  });
  return {
    url,
    kind: 'access-token',
    secret: answer.accessToken,
    tenant: answer.user.tenant,
    platformAdmin: answer.user.platformAdmin,
    identity: answer.user.email,
    expiresAt: new Date(Date.now() + answer.expiresIn * 1000).toISOString(),
    // A control plane older than login sessions gives none: its tokens simply run out.
    ...(answer.refreshToken && {
      refreshToken: answer.refreshToken,
      sessionExpiresAt: new Date(Date.now() + (answer.refreshExpiresIn ?? 0) * 1000).toISOString(),
    }),
  };
}

async function apiKeyLogin(url: string, terminal: Terminal): Promise<StoredCredentials> {
  const key = terminal.env.TRIBUTARY_API_KEY || (await readSecret(terminal, 'API key: ')).trim();
  if (!key) throw new UsageError('no API key: set TRIBUTARY_API_KEY or pass the key on stdin');
  const client = new ControlPlaneClient({ url, credential: { kind: 'api-key', secret: key, source: 'TRIBUTARY_API_KEY' } });
  const me = await client.identity();
  return { url, kind: 'api-key', secret: key, tenant: me.tenantId, platformAdmin: false, identity: me.label };
}

async function status(values: Record<string, string | boolean | undefined>, terminal: Terminal): Promise<number> {
  const settings = remoteSettings({ url: flag(values, 'url'), tenant: flag(values, 'tenant') }, terminal.env);
  if (!settings.credential) throw new AuthError(`not logged in to ${settings.url}: run 'tributary login', or set TRIBUTARY_API_KEY or TRIBUTARY_TOKEN`);
  const me = await new ControlPlaneClient(settings).identity();
  const stored = settings.credential.source === 'login' ? readCredentials(terminal.env) : undefined;
  if (values.json) printJson(terminal, { url: settings.url, source: settings.credential.source, ...me, expiresAt: stored?.expiresAt, sessionExpiresAt: stored?.sessionExpiresAt });
  else {
    const admin = me.platformAdmin ? ', platform admin' : '';
    const session = stored?.sessionExpiresAt ? `; the login session lasts until ${stored.sessionExpiresAt}` : '';
    println(terminal.stdout, `${me.label} (${me.role}${admin}) in tenant ${me.tenantId} at ${settings.url}, from ${settings.credential.source === 'login' ? credentialsPath(terminal.env) : settings.credential.source}${session}`);
  }
  return 0;
}
