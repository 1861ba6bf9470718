// What the compatibility test needs, in one place (types in compat.d.mts).

export { renderMarkdown, totals } from './lib/render.mjs';
export { MARKDOWN_FILE, readFeatures, readStatus, STATUS_FILE } from './lib/status.mjs';
export { loadSurfaces } from './lib/surface.mjs';
export { checkFeatureList, checkStatus, STATUSES } from './lib/verify.mjs';
