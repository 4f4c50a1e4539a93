// Shared console state: the tenant's sources and the one being worked on.
import { api } from './api.js';

const SOURCE_KEY = 'querent.source';
const listeners = new Set();

export const state = {
  sources: [],
  sourceId: localStorage.getItem(SOURCE_KEY) || '',
  get source() { return this.sources.find((s) => s.id === this.sourceId) || null; },
};

export function onSourcesChanged(fn) { listeners.add(fn); return () => listeners.delete(fn); }
const emit = () => listeners.forEach((fn) => fn(state));

export function selectSource(id) {
  state.sourceId = id || '';
  if (id) localStorage.setItem(SOURCE_KEY, id); else localStorage.removeItem(SOURCE_KEY);
  emit();
}

export async function loadSources() {
  const { sources } = await api.listSources();
  state.sources = sources || [];
  if (!state.sources.some((s) => s.id === state.sourceId)) {
    const sample = state.sources.find((s) => s.name === 'sample') || state.sources[0];
    state.sourceId = sample ? sample.id : '';
    if (state.sourceId) localStorage.setItem(SOURCE_KEY, state.sourceId); else localStorage.removeItem(SOURCE_KEY);
  }
  emit();
  return state.sources;
}
