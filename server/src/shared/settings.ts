// Settings arrive from clients we do not control (VS Code, Neovim tables, initializationOptions), so every
// field is checked and anything unusable falls back to its default instead of breaking the server.
import { DEFAULT_SETTINGS, type HindsightSettings } from './protocol';
import { SEVERITIES, type Severity } from './types';

export function normalizeSettings(raw: unknown): HindsightSettings {
  const r = isObject(raw) ? raw : {};
  const packs = isObject(r.packs) ? r.packs : {};
  const trace = isObject(r.trace) ? r.trace : {};
  const d = DEFAULT_SETTINGS;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
    packs: {
      enabled: stringList(packs.enabled),
      disabled: stringList(packs.disabled),
      paths: stringList(packs.paths),
    },
    minSeverity: SEVERITIES.includes(r.minSeverity as Severity) ? (r.minSeverity as Severity) : d.minSeverity,
    exclude: stringList(r.exclude),
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : d.run,
    debounceMs: typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) ? Math.max(0, Math.min(10_000, r.debounceMs)) : d.debounceMs,
    scanWorkspaceOnStartup: typeof r.scanWorkspaceOnStartup === 'boolean' ? r.scanWorkspaceOnStartup : d.scanWorkspaceOnStartup,
    analyzeTests: typeof r.analyzeTests === 'boolean' ? r.analyzeTests : d.analyzeTests,
    trace: { server: trace.server === 'messages' || trace.server === 'verbose' ? trace.server : 'off' },
  };
}

const SETTING_KEYS = new Set(Object.keys(DEFAULT_SETTINGS));

/**
 * The `hindsight` settings inside what a client sends, whatever its shape: the section itself (`{minSeverity}`,
 * as VS Code answers workspace/configuration), `{hindsight: {...}}` (Neovim's `settings`, Helix's `config`),
 * `{settings: {...}}` or `{settings: {hindsight: {...}}}` (initializationOptions). Undefined when there are none,
 * so that a payload meant for another tool does not reset ours to the defaults.
 */
export function settingsSection(raw: unknown): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  if (Object.keys(raw).some((k) => SETTING_KEYS.has(k))) return raw;
  if (isObject(raw.hindsight)) return settingsSection(raw.hindsight) ?? raw.hindsight;
  if (isObject(raw.settings)) return settingsSection(raw.settings);
  return undefined;
}

/** True when a finding of severity `s` is at least as severe as `min`. */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

/** Does this pack run under these settings? `disabled` wins over `enabled`; an empty `enabled` means all. */
export function packEnabled(pack: string, settings: HindsightSettings): boolean {
  if (settings.packs.disabled.includes(pack)) return false;
  return settings.packs.enabled.length === 0 || settings.packs.enabled.includes(pack);
}

export function sameSettings(a: HindsightSettings, b: HindsightSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return v ? [v] : [];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}
