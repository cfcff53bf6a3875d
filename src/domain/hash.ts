/**
 * FNV-1a, 32 bits, over UTF-16 code units: the one string hash of the project (demo seeds, the
 * import's seen keys, a household's fingerprint in a per-person export). Not for security.
 */
export const FNV_OFFSET = 0x811c9dc5;

/** One code unit (or any 16-bit tag) mixed into `h`. */
export function fnvMix(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** `s` mixed into `h` (FNV_OFFSET to start); unsigned result. */
export function fnv1a(s: string, h = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
