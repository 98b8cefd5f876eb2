// The blocker's one entry: what the rest of the shim may use. Inside this folder, hold-state.ts is the leaf
// every module shares.
export { installInterceptor } from './intercept';
export { configureInterceptor, refreshInterceptor, watchTagged } from './control';
export { ownFetch } from './network';
export { releaseTagged, type Allowed } from './tagged';
export { applyEmbeds, type EmbedElement } from './embeds';
export { lintTags, tagOf, type Declared } from './tag-lint';
