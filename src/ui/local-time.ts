const pad = (n: number): string => String(n).padStart(2, '0');

/** A stored UTC timestamp as a clerk reads it, in the computer's time: 2024-05-01 09:30:05. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
