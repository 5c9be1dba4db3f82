/** A y axis from 0 with four steps of a round size (1, 2, 2.5 or 5 × 10ⁿ) that reaches `max`. */
export function niceScale(max: number): { top: number; ticks: number[] } {
  const raw = Math.max(1, max) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const stepRounded = step < 1 ? 1 : step;
  return { top: stepRounded * 4, ticks: [0, 1, 2, 3, 4].map((i) => i * stepRounded) };
}
