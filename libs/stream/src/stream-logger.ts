/**
 * What the stream layer logs through: the subset of pino's API it uses, so a service passes its
 * pino logger (with tenant, pipeline and trace fields bound) and tests pass a silent one.
 */
export interface StreamLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** JSON lines on stderr: the default, so nothing the runner reports goes unseen. */
export const stderrLogger: StreamLogger = {
  info: (fields, message) => write('info', fields, message),
  warn: (fields, message) => write('warn', fields, message),
  error: (fields, message) => write('error', fields, message),
};

export const silentLogger: StreamLogger = { info: () => {}, warn: () => {}, error: () => {} };

function write(level: string, fields: object, message: string): void {
  const entry: Record<string, unknown> = { level, time: Date.now(), msg: message };
  for (const [key, value] of Object.entries(fields)) {
    entry[key] = value instanceof Error ? { type: value.name, message: value.message } : value;
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}
