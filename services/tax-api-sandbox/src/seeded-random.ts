/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): with SANDBOX_SEED set, which
 * calls fail and how long each takes repeat exactly from run to run, so a benchmark or a failing
 * test can be run again as it was.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
