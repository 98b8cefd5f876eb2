// The blocker's one entry: what the rest of the shim may use. Inside this folder, hold-state.ts is the leaf
// every module shares, so no two blocking modules import each other.
export { configureInterceptor, installInterceptor, refreshInterceptor, watchTagged } from './intercept';
export { ownFetch } from './network';
export { releaseTagged, type Allowed } from './tagged';
export { applyEmbeds, type EmbedElement } from './embeds';
