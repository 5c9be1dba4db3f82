/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per frame and per package, over a
 * window of its samples. Profile timestamps are microseconds of the monotonic clock that
 * `process.hrtime` reads too (on Linux), so a window measured in another process applies.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  frame: string;
  group: string;
  micros: number;
  share: number;
}

export interface ProfileSummary {
  windowMicros: number;
  sampledMicros: number;
  frames: FrameTime[];
  groups: { group: string; micros: number; share: number }[];
}

/** The package (or runtime part) a frame belongs to. */
export function frameGroup(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') {
    if (frame.functionName.startsWith('(')) return frame.functionName; // (garbage collector), (idle), (program)
    return '(native)';
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /\/dist\/(src|bench)\/(?:modules\/)?([^/]+)/.exec(url);
  if (own) return `samverkan ${own[1]}/${own[2].replace(/\.js$/, '')}`;
  return url.replace(/^file:\/\//, '');
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** Self time per frame and group over the samples taken in [fromMicros, toMicros] (profile clock). */
export function summariseProfile(profile: CpuProfile, fromMicros = -Infinity, toMicros = Infinity): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const frames = new Map<string, { group: string; micros: number }>();
  const groups = new Map<string, number>();
  let at = profile.startTime;
  let sampled = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < fromMicros || at > toMicros) continue;
    // A sample stands for the time until the next one.
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
    sampled += micros;
    const name = frameName(node.callFrame);
    const group = frameGroup(node.callFrame);
    const entry = frames.get(name) ?? { group, micros: 0 };
    entry.micros += micros;
    frames.set(name, entry);
    groups.set(group, (groups.get(group) ?? 0) + micros);
  }
  const share = (m: number): number => (sampled > 0 ? m / sampled : 0);
  return {
    windowMicros: last > first ? last - first : 0,
    sampledMicros: sampled,
    frames: [...frames.entries()]
      .map(([frame, e]) => ({ frame, group: e.group, micros: e.micros, share: share(e.micros) }))
      .sort((a, b) => b.micros - a.micros),
    groups: [...groups.entries()]
      .map(([group, micros]) => ({ group, micros, share: share(micros) }))
      .sort((a, b) => b.micros - a.micros),
  };
}

export function formatProfileSummary(s: ProfileSummary, top: number): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `CPU profile: ${(s.sampledMicros / 1e6).toFixed(1)} s sampled over a ${(s.windowMicros / 1e6).toFixed(1)} s window`,
    '',
    `top ${top} frames by self time:`,
    ...s.frames.slice(0, top).map((f, i) => `${String(i + 1).padStart(3)}. ${pct(f.share)}  ${f.frame}  [${f.group}]`),
    '',
    'self time per package / part:',
    ...s.groups.slice(0, 30).map((g) => `     ${pct(g.share)}  ${g.group}`),
  ];
  return lines.join('\n');
}
