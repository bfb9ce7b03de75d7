import { createServer, type Server } from 'node:net';

/**
 * A stand-in for a PostgreSQL server that asks for a password and refuses every one, as a
 * server with `password` auth in pg_hba.conf does (protocol: AuthenticationCleartextPassword,
 * then ErrorResponse 28P01). Needed because the local PostgreSQL trusts 127.0.0.1, so a wrong
 * password can never fail there. It records the passwords it was sent.
 */
export async function passwordCheckingServer(): Promise<{ port: number; passwordsSeen: string[]; close: () => Promise<void> }> {
  const passwordsSeen: string[] = [];
  const server: Server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return;
          buffer = buffer.subarray(buffer.readInt32BE(0));
          started = true;
          socket.write(message('R', int32(3))); // AuthenticationCleartextPassword
          continue;
        }
        if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
        const length = buffer.readInt32BE(1);
        if (buffer[0] === 0x70 /* p */) {
          passwordsSeen.push(buffer.subarray(5, 1 + length - 1).toString('utf8'));
          const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "reader"'];
          socket.end(message('E', Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`)), Buffer.from([0])])));
        }
        buffer = buffer.subarray(1 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, passwordsSeen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}
