import { StoreUnavailableError } from './result-store';

/**
 * Writes the rows at `indices` of a batch with `write`. A write PostgreSQL refuses for its data
 * (SQLSTATE classes 22 and 23: a value out of range, a tenant that does not exist) is split in
 * halves until the refused rows are alone, each then set in `rejected` with PostgreSQL's reason:
 * one poison result costs its batch a few round trips and never stops the others. Any other
 * failure (connection, shutdown, lock timeout, a missing table) is StoreUnavailableError: the
 * batch waits.
 */
export async function writeSplittingRefused(store: string, indices: readonly number[], write: (indices: readonly number[]) => Promise<void>, rejected: Map<number, string>): Promise<void> {
  if (indices.length === 0) return;
  try {
    await write(indices);
  } catch (error) {
    if (!isDataError(error)) throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(store, error);
    if (indices.length === 1) {
      rejected.set(indices[0], `PostgreSQL refused the result: ${(error as Error).message}`);
      return;
    }
    const half = Math.ceil(indices.length / 2);
    await writeSplittingRefused(store, indices.slice(0, half), write, rejected);
    await writeSplittingRefused(store, indices.slice(half), write, rejected);
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): about the rows, not the server. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
